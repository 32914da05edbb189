import Foundation
import MultaqaDomain
import PostgresNIO

/// Organizations in PostgreSQL. Inputs arrive validated by the domain; the table's
/// constraints hold the same rules as a last line.
public struct OrganizationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(_ input: OrganizationInput) async throws -> Organization {
        let name = input.name ?? LocalizedText()
        // `validated(forCreation: true)` requires a kind; the table would refuse a row without one.
        guard let kind = input.kind else { throw DomainError.invalid("kind", "is required") }
        let rows = try await database.client.query(
            """
            INSERT INTO organizations (name_ar, name_fr, name_en, acronym, kind, country)
            VALUES (\(name.ar), \(name.fr), \(name.en), \(input.acronym), \(kind), \(input.country))
            RETURNING id, name_ar, name_fr, name_en, acronym, kind, country, created_at, updated_at, row_version
            """, logger: database.logger)
        return try await Self.one(rows)
    }

    public func find(id: UUID) async throws -> Organization {
        let rows = try await database.client.query(
            """
            SELECT id, name_ar, name_fr, name_en, acronym, kind, country, created_at, updated_at, row_version
            FROM organizations WHERE id = \(id)
            """, logger: database.logger)
        return try await Self.one(rows)
    }

    /// One page, ordered by id; `after` is the last id of the previous page. `search` matches any
    /// language of the name and the acronym, case-insensitively.
    public func list(search: String?, after: UUID?, limit: Int) async throws -> [Organization] {
        let pattern = search.map { "%" + LikePattern.escape($0) + "%" }
        let rows = try await database.client.query(
            """
            SELECT id, name_ar, name_fr, name_en, acronym, kind, country, created_at, updated_at, row_version
            FROM organizations
            WHERE (\(after)::uuid IS NULL OR id > \(after))
              AND (\(pattern)::text IS NULL
                   OR name_ar ILIKE \(pattern) OR name_fr ILIKE \(pattern)
                   OR name_en ILIKE \(pattern) OR acronym ILIKE \(pattern))
            ORDER BY id
            LIMIT \(limit)
            """, logger: database.logger)
        return try await rows.collect().map(Self.organization)
    }

    /// One statement: absent fields keep their value (COALESCE), and `expectedVersion` (from
    /// If-Match) makes a stale write fail instead of overwriting a newer one.
    public func update(id: UUID, _ input: OrganizationInput, expectedVersion: Int?) async throws -> Organization {
        let nameGiven = input.name != nil
        let rows = try await database.client.query(
            """
            UPDATE organizations SET
                name_ar = CASE WHEN \(nameGiven) THEN \(input.name?.ar) ELSE name_ar END,
                name_fr = CASE WHEN \(nameGiven) THEN \(input.name?.fr) ELSE name_fr END,
                name_en = CASE WHEN \(nameGiven) THEN \(input.name?.en) ELSE name_en END,
                acronym = COALESCE(\(input.acronym), acronym),
                kind = COALESCE(\(input.kind), kind),
                country = COALESCE(\(input.country), country)
            WHERE id = \(id) AND (\(expectedVersion)::int IS NULL OR row_version = \(expectedVersion))
            RETURNING id, name_ar, name_fr, name_en, acronym, kind, country, created_at, updated_at, row_version
            """, logger: database.logger)
        if let organization = try await rows.collect().first.map(Self.organization) {
            return organization
        }
        // Nothing updated: either it does not exist or the version moved on.
        let current = try await find(id: id)
        throw DomainError.staleVersion(
            detail: "the organization changed since version \(expectedVersion ?? 0); it is now at \(current.version)")
    }

    public func delete(id: UUID) async throws {
        let rows = try await database.client.delete(
            "DELETE FROM organizations WHERE id = \(id) RETURNING id", logger: database.logger
        ).collect()
        guard rows.first != nil else {
            throw DomainError.notFound(resource: "organization")
        }
    }

    private static func one(_ rows: DatabaseClient.Rows) async throws -> Organization {
        guard let row = try await rows.collect().first else {
            throw DomainError.notFound(resource: "organization")
        }
        return try organization(row)
    }

    static func organization(_ row: PostgresRow) throws -> Organization {
        var cells = Cells(row)
        return try organization(&cells)
    }

    static func organization(_ cells: inout Cells) throws -> Organization {
        Organization(
            id: try cells.next(), name: try cells.localized(), acronym: try cells.next(),
            kind: try cells.next(), country: try cells.next(),
            createdAt: try cells.next(), updatedAt: try cells.next(), version: try cells.next())
    }
}
