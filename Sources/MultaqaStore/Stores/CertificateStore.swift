import Foundation
import MultaqaDomain
import PostgresNIO

/// Certificates of attendance: issued in bulk to the registrations checked in at least once (a
/// second issue makes no second code), revoked one by one, verified by code.
public struct CertificateStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Issues a certificate to every confirmed registration of the event with a check-in and none
    /// yet, each with its mail in the outbox: how many were new, and how many the event has in all.
    public func issue(eventID: UUID) async throws -> (issued: Int, total: Int) {
        let pending = try await database.client.query(
            """
            SELECT r.id FROM registrations r
            WHERE r.event_id = \(eventID) AND r.status = 'confirmed' AND r.full_name IS NOT NULL
              AND EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = r.id)
              AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.registration_id = r.id)
            ORDER BY r.id
            """, logger: database.logger
        ).collect().map { try $0.decode(UUID.self) }
        var issued = 0
        if !pending.isEmpty {
            let codes = pending.map { _ in SecretCode.certificate.generate(fill: ManageToken.fillRandom) }
            // An issue running at the same time has its codes or ours, never both. Each new
            // certificate's mail is written by the same statement: both or neither.
            let rows = try await database.client.query(
                """
                WITH made AS (
                    INSERT INTO certificates (event_id, registration_id, code)
                    SELECT \(eventID), registration, code FROM unnest(\(pending)::uuid[], \(codes)::text[]) AS t (registration, code)
                    ON CONFLICT ON CONSTRAINT certificates_once DO NOTHING
                    RETURNING registration_id, code
                ), announced AS (
                    INSERT INTO notification_outbox (event_id, registration_id, kind, secret)
                    SELECT \(eventID), registration_id, 'certificate_issued', code FROM made
                )
                SELECT count(*)::int FROM made
                """, logger: database.logger)
            issued = try await rows.collect().first?.decode(Int.self) ?? 0
        }
        let total = try await database.client.query(
            "SELECT count(*)::int FROM certificates WHERE event_id = \(eventID)", logger: database.logger
        ).collect().first?.decode(Int.self)
        return (issued, total ?? 0)
    }

    static let select = """
        SELECT x.code, x.event_id, x.registration_id, r.full_name, r.language,
               ARRAY(SELECT DISTINCT c.day::text FROM check_ins c WHERE c.registration_id = r.id ORDER BY 1),
               ARRAY(SELECT DISTINCT c.session_id FROM check_ins c
                     WHERE c.registration_id = r.id AND c.session_id IS NOT NULL ORDER BY 1),
               x.issued_at, x.revoked_at
        FROM certificates x JOIN registrations r ON r.id = x.registration_id
        """

    public func list(eventID: UUID) async throws -> [Certificate] {
        let rows = try await database.client.query(
            "\(unescaped: Self.select) WHERE x.event_id = \(eventID) ORDER BY lower(r.full_name), x.id", logger: database.logger)
        return try await rows.collect().map(Self.certificate)
    }

    /// The certificate with this code, as typed (dashes and case do not matter), or nil.
    public func find(code: String) async throws -> Certificate? {
        guard let code = SecretCode.certificate.normalised(code) else { return nil }
        let rows = try await database.client.query("\(unescaped: Self.select) WHERE x.code = \(code)", logger: database.logger)
        return try await rows.collect().first.map(Self.certificate)
    }

    public func find(registrationID: UUID) async throws -> Certificate? {
        let rows = try await database.client.query(
            "\(unescaped: Self.select) WHERE x.registration_id = \(registrationID)", logger: database.logger)
        return try await rows.collect().first.map(Self.certificate)
    }

    /// Revokes the certificate (again is harmless); verifying it says so from then on.
    public func revoke(code: String) async throws -> Certificate {
        guard let code = SecretCode.certificate.normalised(code) else { throw DomainError.notFound(resource: "certificate") }
        let rows = try await database.client.query(
            "UPDATE certificates SET revoked_at = coalesce(revoked_at, clock_timestamp()) WHERE code = \(code) RETURNING id",
            logger: database.logger)
        guard try await rows.collect().first != nil else { throw DomainError.notFound(resource: "certificate") }
        guard let certificate = try await find(code: code) else { throw DomainError.notFound(resource: "certificate") }
        return certificate
    }

    static func certificate(_ row: PostgresRow) throws -> Certificate {
        var cells = Cells(row)
        return Certificate(
            code: try cells.next(), eventID: try cells.next(), registrationID: try cells.next(), fullName: try cells.next(),
            language: try cells.next(), days: try cells.next(), sessions: try cells.next(), issuedAt: try cells.next(),
            revokedAt: try cells.next())
    }
}
