import Foundation
import MultaqaDomain
import MultaqaStore
import MultaqaTestSupport
import PostgresNIO
import Testing

/// A request never waits on an unreachable database longer than the lease timeout (issue 9).
@Suite("Database client")
struct DatabaseClientTests {
    @Test("with no server to connect to, a statement fails with unavailable within the bound")
    func unreachable() async throws {
        // A port nobody listens on: PostgresNIO's pool keeps retrying and would queue the
        // statement for up to a minute.
        let endpoint = DatabaseEndpoint(host: "127.0.0.1", port: 9, username: "nobody", password: nil, database: "none")
        let database = Database(endpoint: endpoint, maximumConnections: 2, leaseTimeout: .milliseconds(500), logger: .quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.pool.run() }
            let started = ContinuousClock.now
            await #expect(throws: DomainError.unavailable(detail: "the database is not reachable; retry shortly")) {
                try await database.client.query("SELECT 1", logger: database.logger)
            }
            let waited = ContinuousClock.now - started
            #expect(waited < .seconds(3), "waited \(waited)")
            group.cancelAll()
        }
    }

    @Test("a busy pool is waited for: 40 statements of 100 ms through 2 connections all run", .isolatedDatabase)
    func busy() async throws {
        let testDatabase = try #require(TestDatabase.current)
        let database = Database(endpoint: testDatabase.endpoint, maximumConnections: 2, leaseTimeout: .seconds(1), logger: .quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.pool.run() }
            let answered = try await withThrowingTaskGroup(of: Int.self) { statements in
                for _ in 0..<40 {
                    statements.addTask {
                        let rows = try await database.client.query("SELECT 1 FROM pg_sleep(0.1)", logger: database.logger)
                        return try await rows.collect().count
                    }
                }
                return try await statements.reduce(0, +)
            }
            // 40 × 100 ms over 2 connections: about 2 s of waiting for the last, far past the
            // 1 s lease timeout, yet none was refused.
            #expect(answered == 40)
            group.cancelAll()
        }
    }
}
