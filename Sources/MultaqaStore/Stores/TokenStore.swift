import Crypto
import Foundation
import Logging
import MultaqaDomain
import PostgresNIO

/// API tokens: created by `multaqa token create`, shown once, stored as SHA-256 only.
public struct TokenStore: Sendable {
    public struct Record: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let role: Role
        public let personID: UUID?
        public let createdAt: Date
        public let lastUsedAt: Date?
        public let revokedAt: Date?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A new token: its text (to show once) and its record.
    public func create(name: String, role: Role, personID: UUID?) async throws -> (token: String, record: Record) {
        var violations: [FieldViolation] = []
        guard let cleanName = TextRules.clean(name, field: "name", maxLength: 200, into: &violations) else {
            throw DomainError.validation(
                violations.isEmpty ? [FieldViolation(field: "name", message: "is required")] : violations)
        }
        let token = Self.generate()
        let hash = Self.hash(token)
        let rows = try await database.client.query(
            """
            INSERT INTO api_tokens (name, role, person_id, token_hash)
            VALUES (\(cleanName), \(role), \(personID), \(hash))
            RETURNING id, name, role, person_id, created_at, last_used_at, revoked_at
            """, logger: database.logger)
        guard let record = try await rows.collect().first.map(Self.record) else {
            throw DomainError.unavailable(detail: "the token was not stored")
        }
        return (token, record)
    }

    public func list() async throws -> [Record] {
        let rows = try await database.client.query(
            "SELECT id, name, role, person_id, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at",
            logger: database.logger)
        return try await rows.collect().map(Self.record)
    }

    /// Revokes a token at once; its requests get 401 from then on.
    public func revoke(id: UUID) async throws {
        let rows = try await database.client.query(
            "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = \(id) RETURNING id",
            logger: database.logger)
        guard try await rows.collect().first != nil else {
            throw DomainError.notFound(resource: "token")
        }
    }

    /// The principal a bearer token stands for, or nil. The lookup is by the token's SHA-256, so
    /// the comparison the database makes is on a hash, never on the secret itself.
    public func authenticate(_ token: String) async throws -> Principal? {
        guard Self.isWellFormed(token) else { return nil }
        let hash = Self.hash(token)
        let rows = try await database.client.query(
            """
            WITH token AS (
                SELECT id, name, role, person_id, last_used_at FROM api_tokens
                WHERE token_hash = \(hash) AND revoked_at IS NULL
            ), touched AS (
                -- At most one write a minute per token: a busy token must not become a hot row.
                UPDATE api_tokens SET last_used_at = now() FROM token
                WHERE api_tokens.id = token.id
                  AND (token.last_used_at IS NULL OR token.last_used_at < now() - interval '1 minute')
            )
            SELECT id, name, role, person_id FROM token
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { return nil }
        let (id, name, role, personID) = try row.decode((UUID, String, Role, UUID?).self)
        return Principal(tokenID: id, name: name, role: role, personID: personID)
    }

    static let prefix = "mlq_"

    /// Shaped like a token this service issues: what a request's credential is told apart by.
    public static func isWellFormed(_ token: some StringProtocol) -> Bool {
        token.hasPrefix(prefix) && token.utf8.count == prefix.utf8.count + secretLength
    }
    static let secretLength = 40

    static func generate() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<secretLength).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    private static func record(_ row: PostgresRow) throws -> Record {
        let (id, name, role, personID, createdAt, lastUsedAt, revokedAt) = try row.decode(
            (UUID, String, Role, UUID?, Date, Date?, Date?).self)
        return Record(
            id: id, name: name, role: role, personID: personID, createdAt: createdAt,
            lastUsedAt: lastUsedAt, revokedAt: revokedAt)
    }
}
