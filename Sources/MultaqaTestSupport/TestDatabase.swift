import Foundation
import Logging
import MultaqaMigrations
import MultaqaStore
import Testing

/// A database of its own for one test, cloned from a template migrated once per test run, so that
/// tests run in parallel against a real PostgreSQL without seeing each other's rows.
public struct TestDatabase: Sendable {
    public let name: String
    public let endpoint: DatabaseEndpoint

    @TaskLocal public static var current: TestDatabase?

    public init(name: String, endpoint: DatabaseEndpoint) {
        self.name = name
        self.endpoint = endpoint
    }

    /// A new database: migrated (cloned from the template) or empty (for migration tests).
    public static func create(migrated: Bool = true) async throws -> TestDatabase {
        try await TestServer.shared.createDatabase(migrated: migrated)
    }

    public func drop() async {
        await TestServer.shared.dropDatabase(self)
    }

    /// Runs `body` with a `Database` (a running pool) on this test database.
    public func withDatabase<T: Sendable>(_ body: @Sendable (Database) async throws -> T) async throws -> T {
        let database = Database(endpoint: endpoint, maximumConnections: 8, leaseTimeout: .seconds(10), logger: .quiet)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.pool.run() }
            defer { group.cancelAll() }
            return try await body(database)
        }
    }
}

extension Logger {
    /// Tests assert on responses, not on log lines: keep the output readable.
    public static let quiet = Logger(label: "multaqa.test", factory: { _ in SwiftLogNoOpLogHandler() })
}

extension Trait where Self == IsolatedDatabaseTrait {
    public static var isolatedDatabase: Self { Self() }
}
