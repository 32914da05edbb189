import Foundation
import MultaqaDomain
import PostgresNIO

/// People in PostgreSQL.
public struct PersonStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(_ person: Person) async throws -> Person {
        let rows = try await database.client.query(
            """
            INSERT INTO people (honorific_ar, honorific_fr, honorific_en, full_name_ar, full_name_fr, full_name_en,
                                position_ar, position_fr, position_en, organization_id, country,
                                bio_ar, bio_fr, bio_en, email, phone)
            VALUES (\(person.honorific.ar), \(person.honorific.fr), \(person.honorific.en),
                    \(person.fullName.ar), \(person.fullName.fr), \(person.fullName.en),
                    \(person.position.ar), \(person.position.fr), \(person.position.en),
                    \(person.organizationID), \(person.country),
                    \(person.bio.ar), \(person.bio.fr), \(person.bio.en), \(person.email), \(person.phone))
            RETURNING \(unescaped: Self.columns)
            """, logger: database.logger)
        return try await Self.one(rows)
    }

    /// - Parameter publicOnly: for callers who are not organisers, a person exists only through a
    ///   part in an event that is not a draft (a draft's speakers are the organisers' business).
    public func find(id: UUID, publicOnly: Bool = false) async throws -> Person {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM people
            WHERE id = \(id) AND (NOT \(publicOnly) OR \(unescaped: Self.appearsInPublicEvent))
            """, logger: database.logger)
        return try await Self.one(rows)
    }

    static let appearsInPublicEvent = """
        EXISTS (SELECT 1 FROM session_participants sp JOIN events e ON e.id = sp.event_id
                WHERE sp.person_id = people.id AND e.status <> 'draft')
        """

    public func list(
        search: String?, organizationID: UUID?, after: UUID?, limit: Int, publicOnly: Bool = false
    ) async throws -> [Person] {
        let pattern = search.map { "%" + LikePattern.escape($0) + "%" }
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM people
            WHERE (\(after)::uuid IS NULL OR id > \(after))
              AND (\(organizationID)::uuid IS NULL OR organization_id = \(organizationID))
              AND (\(pattern)::text IS NULL OR full_name_ar ILIKE \(pattern) OR full_name_fr ILIKE \(pattern)
                   OR full_name_en ILIKE \(pattern))
              AND (NOT \(publicOnly) OR \(unescaped: Self.appearsInPublicEvent))
            ORDER BY id LIMIT \(limit)
            """, logger: database.logger)
        return try await rows.collect().map(Self.person)
    }

    /// Writes a whole, validated person if it is still at `expectedVersion` (412 otherwise).
    public func save(_ person: Person, expectedVersion: Int) async throws -> Person {
        let rows = try await database.client.query(
            """
            UPDATE people SET
                honorific_ar = \(person.honorific.ar), honorific_fr = \(person.honorific.fr),
                honorific_en = \(person.honorific.en), full_name_ar = \(person.fullName.ar),
                full_name_fr = \(person.fullName.fr), full_name_en = \(person.fullName.en),
                position_ar = \(person.position.ar), position_fr = \(person.position.fr),
                position_en = \(person.position.en), organization_id = \(person.organizationID),
                country = \(person.country), bio_ar = \(person.bio.ar), bio_fr = \(person.bio.fr),
                bio_en = \(person.bio.en), email = \(person.email), phone = \(person.phone)
            WHERE id = \(person.id) AND row_version = \(expectedVersion)
            RETURNING \(unescaped: Self.columns)
            """, logger: database.logger)
        guard let row = try await rows.collect().first else {
            _ = try await find(id: person.id)
            throw DomainError.staleVersion(detail: "the person changed since version \(expectedVersion)")
        }
        return try Self.person(row)
    }

    public func delete(id: UUID) async throws {
        let rows = try await database.client.delete(
            "DELETE FROM people WHERE id = \(id) RETURNING id", logger: database.logger
        ).collect()
        guard rows.first != nil else { throw DomainError.notFound(resource: "person") }
    }

    static let columns = """
        id, honorific_ar, honorific_fr, honorific_en, full_name_ar, full_name_fr, full_name_en,
        position_ar, position_fr, position_en, organization_id, country, bio_ar, bio_fr, bio_en,
        email, phone, created_at, updated_at, row_version
        """

    private static func one(_ rows: DatabaseClient.Rows) async throws -> Person {
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "person") }
        return try person(row)
    }

    static func person(_ row: PostgresRow) throws -> Person {
        var cells = Cells(row)
        return try person(&cells)
    }

    static func person(_ cells: inout Cells) throws -> Person {
        Person(
            id: try cells.next(), honorific: try cells.localized(), fullName: try cells.localized(),
            position: try cells.localized(), organizationID: try cells.next(), country: try cells.next(),
            bio: try cells.localized(), email: try cells.next(), phone: try cells.next(), createdAt: try cells.next(),
            updatedAt: try cells.next(), version: try cells.next())
    }
}
