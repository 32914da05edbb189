import Crypto
import Foundation
import Logging
import MultaqaDomain
import MultaqaMigrations

/// Applies the embedded migrations: each file whole through libpq in its own
/// transaction, recorded with its SHA-256 in `schema_migrations`, under an advisory lock so that
/// instances starting together apply each migration exactly once.
public struct Migrator: Sendable {
    /// Arbitrary but fixed: every Multaqa process contends on this one advisory lock key.
    static let advisoryLockKey: Int64 = 0x6D75_6C74_6171_6161  // "multaqaa"

    public let conninfo: String
    public let migrations: [Migration]
    public let logger: Logger

    public init(conninfo: String, migrations: [Migration] = Migrations.all, logger: Logger) {
        self.conninfo = conninfo
        self.migrations = migrations
        self.logger = logger
    }

    public static func checksum(of migration: Migration) -> String {
        SHA256.hash(data: Data(migration.sql.utf8)).hexadecimal
    }

    /// Applies what is missing and returns the versions applied by this call.
    /// libpq blocks, so the work runs on a thread of its own rather than on the cooperative pool.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try self.migrateBlocking() })
            }
        }
    }

    func migrateBlocking() throws(StoreError) -> [Int] {
        let connection = try LibPQConnection(conninfo: conninfo)
        // Session-level lock: held across the per-migration transactions, released on unlock or
        // when the connection ends (also if this process is killed).
        try connection.execute("SELECT pg_advisory_lock($1)", parameters: [String(Self.advisoryLockKey)])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", parameters: [String(Self.advisoryLockKey)]) }

        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """
        )
        var applied: [Int: String] = [:]
        for row in try connection.execute("SELECT version, checksum FROM schema_migrations") {
            if let version = row[0].flatMap({ Int($0) }), let checksum = row[1] {
                applied[version] = checksum
            }
        }

        let known = Set(migrations.map(\.version))
        for version in applied.keys.sorted() where !known.contains(version) {
            // A newer binary migrated this database; an older one may still serve during a rolling
            // deploy, so this is worth a warning, not a refusal.
            logger.warning("database has migration \(version), unknown to this binary: is a newer version deployed?")
        }

        var newlyApplied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let checksum = Self.checksum(of: migration)
            if let existing = applied[migration.version] {
                guard existing == checksum else {
                    throw .migrationChecksumMismatch(
                        version: migration.version, name: migration.name, applied: existing, embedded: checksum)
                }
                continue
            }
            do {
                try connection.execute("BEGIN")
                try connection.execute(migration.sql)
                try connection.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    parameters: [String(migration.version), migration.name, checksum])
                try connection.execute("COMMIT")
            } catch {
                _ = try? connection.execute("ROLLBACK")
                let message =
                    if case .statementFailed(_, let message) = error { message } else { error.description }
                throw .migrationFailed(version: migration.version, name: migration.name, message: message)
            }
            logger.info("applied migration \(migration.version) \(migration.name)")
            newlyApplied.append(migration.version)
        }
        return newlyApplied
    }
}
