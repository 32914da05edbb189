import Foundation
import Logging
import MultaqaMigrations
import MultaqaStore
import Testing

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
