import Crypto
import Foundation
import MultaqaDomain
import PostgresNIO

/// Check-in kiosks: made by organisers for one day of one event, opened by a code shown once and
/// stored as its SHA-256, revoked by organisers.
public struct KioskStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = "id, event_id, day::text, label, created_at, revoked_at"

    /// A new kiosk and its code, in clear this once.
    public func create(eventID: UUID, day: String, label: String) async throws -> (kiosk: Kiosk, code: String) {
        let code = SecretCode.kiosk.generate(fill: ManageToken.fillRandom)
        let rows = try await database.client.query(
            """
            INSERT INTO kiosks (event_id, day, label, code_hash) VALUES (\(eventID), \(day)::date, \(label), \(Self.hash(code)))
            RETURNING \(unescaped: Self.columns)
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.unavailable(detail: "the kiosk was not stored") }
        return (try Self.kiosk(row), code)
    }

    public func list(eventID: UUID) async throws -> [Kiosk] {
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.columns) FROM kiosks WHERE event_id = \(eventID) ORDER BY day, created_at, id",
            logger: database.logger)
        return try await rows.collect().map(Self.kiosk)
    }

    /// Revokes a kiosk (again is harmless); its check-ins keep naming it.
    public func revoke(id: UUID) async throws -> Kiosk {
        let rows = try await database.client.query(
            """
            UPDATE kiosks SET revoked_at = coalesce(revoked_at, clock_timestamp()) WHERE id = \(id)
            RETURNING \(unescaped: Self.columns)
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "kiosk") }
        return try Self.kiosk(row)
    }

    /// The kiosk of this event that `code` opens, unless revoked.
    public func open(eventID: UUID, code: String) async throws -> Kiosk? {
        guard let code = SecretCode.kiosk.normalised(code) else { return nil }
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM kiosks
            WHERE code_hash = \(Self.hash(code)) AND event_id = \(eventID) AND revoked_at IS NULL
            """, logger: database.logger)
        return try await rows.collect().first.map(Self.kiosk)
    }

    static func hash(_ code: String) -> Data { Data(SHA256.hash(data: Data(code.utf8))) }

    static func kiosk(_ row: PostgresRow) throws -> Kiosk {
        let (id, eventID, day, label, createdAt, revokedAt) = try row.decode((UUID, UUID, String, String, Date, Date?).self)
        return Kiosk(id: id, eventID: eventID, day: day, label: label, createdAt: createdAt, revokedAt: revokedAt)
    }
}
