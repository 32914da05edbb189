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

/// The PostgreSQL server of this test run: `TEST_DATABASE_URL`, or a throwaway cluster in a
/// temporary directory, stopped and removed when the test process exits.
actor TestServer {
    static let shared = TestServer()

    private var setup: Task<DatabaseEndpoint, any Error>?
    private var counter = 0
    private let runID = "\(getpid())_\(Int(Date().timeIntervalSince1970) % 100_000)"
    private var usesOwnCluster = false

    private var templateName: String { "multaqa_template_\(runID)" }

    func server() async throws -> DatabaseEndpoint {
        if setup == nil {
            setup = Task { try await Self.prepare(runID: runID, template: templateName) }
        }
        return try await setup!.value
    }

    private static func prepare(runID: String, template: String) async throws -> DatabaseEndpoint {
        let server: DatabaseEndpoint
        if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
            server = try DatabaseEndpoint(url: url)
        } else {
            let directory = NSTemporaryDirectory() + "multaqa-tests-\(runID)"
            let cluster = EmbeddedCluster(dataDirectory: directory, durable: false, logger: .quiet)
            TestClusterCleanup.register(cluster)
            server = try await cluster.start()
        }
        try await DatabaseAdmin.dropDatabase(template, on: server)
        try await DatabaseAdmin.createDatabase(template, on: server)
        try await Migrator(conninfo: server.with(database: template).conninfo, logger: .quiet).migrate()
        return server
    }

    func createDatabase(migrated: Bool) async throws -> TestDatabase {
        let server = try await server()
        counter += 1
        let name = "test_\(runID)_\(counter)"
        try await DatabaseAdmin.createDatabase(name, template: migrated ? templateName : nil, on: server)
        return TestDatabase(name: name, endpoint: server.with(database: name))
    }

    func dropDatabase(_ database: TestDatabase) async {
        guard let server = try? await server() else { return }
        try? await DatabaseAdmin.dropDatabase(database.name, on: server)
    }
}

/// Stops the throwaway cluster at process exit: Swift Testing has no hook after the last test.
enum TestClusterCleanup {
    nonisolated(unsafe) private static var cluster: EmbeddedCluster?

    static func register(_ cluster: EmbeddedCluster) {
        Self.cluster = cluster
        atexit {
            guard let cluster = TestClusterCleanup.cluster else { return }
            cluster.stopImmediately()
            try? FileManager.default.removeItem(atPath: cluster.dataDirectory)
        }
    }
}

/// `@Test(.isolatedDatabase)`: the test runs with `TestDatabase.current` set to a fresh migrated
/// database, dropped afterwards.
public struct IsolatedDatabaseTrait: TestTrait, TestScoping {
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create()
        do {
            try await TestDatabase.$current.withValue(database) { try await function() }
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }
}

extension Trait where Self == IsolatedDatabaseTrait {
    public static var isolatedDatabase: Self { Self() }
}
