import Foundation
import MultaqaDomain
import MultaqaStore
import MultaqaTestSupport
import PostgresNIO
import Testing

/// A request never waits on an unreachable database longer than the lease timeout.
@Suite("Database client")
struct DatabaseClientTests {
    /// What tells an answer from a hang on any machine: the failures these tests guard against
    /// waited a minute (PostgresNIO's own queue) or forever (a dropped statement), while a loaded
    /// CI machine has taken nearly 5 s to deliver a prompt answer. How prompt the answers are is
    /// measured by bench/faults, not asserted here.
    static let hang: Duration = .seconds(30)

    @Test(
        "with no server to connect to, a statement fails with unavailable, not after PostgresNIO's minute",
        .timeLimit(.minutes(2)))
    func unreachable() async throws {
        // A port nobody listens on: PostgresNIO's pool keeps retrying and would queue the
        // statement for up to a minute.
        let endpoint = DatabaseEndpoint(host: "127.0.0.1", port: 9, username: "nobody", password: nil, database: "none")
        try await Self.withPool(endpoint, leaseTimeout: .milliseconds(500)) { database in
            let started = ContinuousClock.now
            await #expect(throws: DomainError.unavailable(detail: "the database is not reachable; retry shortly")) {
                try await database.client.query("SELECT 1", logger: database.logger)
            }
            let waited = ContinuousClock.now - started
            #expect(waited < Self.hang, "waited \(waited)")
        }
    }

    @Test(
        "a busy pool is waited for: 40 statements of 300 ms through 2 connections all run, far past the lease timeout",
        .isolatedDatabase)
    func busy() async throws {
        // A connection is handed out every 150 ms or so, however long the queue: a loaded machine
        // stretches that, but not to the lease timeout of 3 s that only an outage reaches.
        try await Self.withPool(leaseTimeout: .seconds(3)) { database in
            let started = ContinuousClock.now
            let answered = try await withThrowingTaskGroup(of: Int.self) { statements in
                for _ in 0..<40 {
                    statements.addTask {
                        let rows = try await database.client.query("SELECT 1 FROM pg_sleep(0.3)", logger: database.logger)
                        return try await rows.collect().count
                    }
                }
                return try await statements.reduce(0, +)
            }
            // 40 × 300 ms over 2 connections: the last waited about 6 s, twice the lease timeout,
            // yet none was refused.
            #expect(answered == 40)
            #expect(ContinuousClock.now - started > .seconds(3))
        }
    }

    /// bench/faults found requests that never got an answer after `pg_ctl restart -m fast`: a
    /// statement written to a connection after its channel was torn down is dropped by
    /// PostgresNIO 1.33.2 without failing. `ConnectionWatch` answers them.
    @Test("a statement on a connection PostgreSQL has closed gets 503, not a hang", .isolatedDatabase, .timeLimit(.minutes(2)))
    func closedUnderTheStatement() async throws {
        try await Self.withPool { database in
            let started = ContinuousClock.now
            // PostgresNIO either fails the statement at once (the channel was already torn down
            // when it was written) or drops it, and then the watch answers a second later; which
            // one depends on timing. Both are a 503, neither a hang.
            let refusal = await #expect(throws: DomainError.self) {
                try await database.client.withConnection { connection in
                    try await Self.terminateBackend(of: connection, through: database)
                    try await connection.closeFuture.get()
                    _ = try await connection.query("SELECT 1", logger: database.logger).collect()
                }
            }
            #expect(
                refusal == .unavailable(detail: "the connection to the database was lost while the request ran; retry shortly")
                    || refusal == .unavailable(detail: "the database is not reachable; retry shortly"),
                "\(String(describing: refusal))")
            let waited = ContinuousClock.now - started
            #expect(waited < Self.hang, "waited \(waited)")
            #expect(database.client.usage.abandoned <= 1)
            // The pool has dropped the closed connection: the next statement runs.
            let rows = try await database.client.query("SELECT 1", logger: database.logger).collect()
            #expect(rows.count == 1)
        }
    }

    @Test(
        "a transaction whose backend is terminated fails, not hangs, its rows not stored", .isolatedDatabase,
        .timeLimit(.minutes(2)))
    func transactionTerminated() async throws {
        try await Self.withPool { database in
            try await database.client.query("CREATE TABLE terminated_probe (n int)", logger: database.logger)
            let started = ContinuousClock.now
            await #expect(throws: (any Error).self) {
                try await database.client.withTransaction(logger: database.logger) { connection in
                    try await connection.query("INSERT INTO terminated_probe VALUES (1)", logger: database.logger)
                    try await Self.terminateBackend(of: connection, through: database)
                    // Fails with 57P01 or a closed connection; PostgresNIO then sends ROLLBACK
                    // on the closed connection, which is where the request used to hang.
                    _ = try await connection.query("SELECT pg_sleep(120)", logger: database.logger).collect()
                }
            }
            let waited = ContinuousClock.now - started
            #expect(waited < Self.hang, "waited \(waited)")
            let stored = try await database.client.query("SELECT count(*) FROM terminated_probe", logger: database.logger)
                .collect().first?.decode(Int.self)
            #expect(stored == 0)
        }
    }

    /// A pool of two connections with its own lease timeout, on the test's database unless
    /// `endpoint` is given, running while `body` runs.
    private static func withPool(
        _ endpoint: DatabaseEndpoint? = nil, leaseTimeout: Duration = .seconds(1),
        _ body: @Sendable (Database) async throws -> Void
    ) async throws {
        let endpoint = try endpoint ?? #require(TestDatabase.current).endpoint
        let database = Database(endpoint: endpoint, maximumConnections: 2, leaseTimeout: leaseTimeout, logger: .quiet)
        try await withThrowingTaskGroup(of: Void.self) { pool in
            pool.addTask { await database.pool.run() }
            defer { pool.cancelAll() }
            try await body(database)
        }
    }

    /// Ends the connection's backend from another connection, as a fast shutdown does (57P01).
    private static func terminateBackend(of connection: PostgresConnection, through database: Database) async throws {
        let pid = try await connection.query("SELECT pg_backend_pid()", logger: database.logger)
            .collect().first?.decode(Int32.self)
        let terminated = try await database.client.query(
            "SELECT pg_terminate_backend(\(try #require(pid)))", logger: database.logger
        ).collect().first?.decode(Bool.self)
        #expect(terminated == true)
    }
}
