/// Failures of the store's machinery: connecting, migrating, running the embedded cluster.
/// Errors that a request can cause (constraint violations) are mapped in `DatabaseErrorMapping`.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case connectionFailed(String)
    case statementFailed(sqlState: String?, message: String)
    case invalidDatabaseURL(String)
    /// A migration already applied to this database differs from the one in this binary.
    case migrationChecksumMismatch(version: Int, name: String, applied: String, embedded: String)
    case migrationFailed(version: Int, name: String, message: String)
    case cluster(String)
    /// A database name that is not a plain identifier ([a-z0-9_], not starting with a digit).
    case invalidName(String)
    /// Making, checking or restoring a backup failed; the message says what to do.
    case backup(String)

    public var description: String {
        switch self {
        case .connectionFailed(let message):
            "cannot connect to PostgreSQL: \(message)"
        case .statementFailed(let sqlState, let message):
            "PostgreSQL refused a statement (SQLSTATE \(sqlState ?? "?")): \(message)"
        case .invalidDatabaseURL(let reason):
            "DATABASE_URL is not usable: \(reason)"
        case .migrationChecksumMismatch(let version, let name, let applied, let embedded):
            """
            migration \(version) (\(name)) was edited after it was applied to this database \
            (applied checksum \(applied.prefix(12))…, this binary has \(embedded.prefix(12))…). \
            Applied migrations must never change: restore the file and add a new numbered migration.
            """
        case .migrationFailed(let version, let name, let message):
            "migration \(version) (\(name)) failed and was rolled back: \(message)"
        case .cluster(let message):
            "embedded PostgreSQL: \(message)"
        case .invalidName(let name):
            "\(name) is not a plain database name ([a-z0-9_], at most 63 characters, not starting with a digit)"
        case .backup(let message):
            "backup: \(message)"
        }
    }
}
