import Logging
import MultaqaDomain
import PostgresNIO
import Synchronization

/// The pool as the stores use it: a statement waits for a connection only while the database can
/// be reached. While PostgreSQL is down or restarting, PostgresNIO's pool keeps requests
/// queued until it can connect again (a minute at most), so a request would hang as long as the
/// outage; here, once no connection has been handed to anyone for `leaseTimeout` and the server
/// refuses TCP connections, the waiting requests get a 503 problem instead. A pool that is merely
/// busy (a burst larger than its connections, or connections slow to open on a loaded machine)
/// keeps its requests waiting their turn, up to `busyLimit`. Only the wait is bounded: once a
/// statement has a connection it runs to its end, so nothing that was stored is ever answered 503,
/// unless PostgreSQL closes that connection under it (`ConnectionWatch`).
public struct DatabaseClient: Sendable {
    let pool: PostgresClient
    let leaseTimeout: Duration
    let busyLimit: Duration = .seconds(30)
    let progress = LeaseProgress()
    public let maximumConnections: Int
    let reachability: DatabaseReachability
    let watch: ConnectionWatch
    let deadlines = LeaseDeadlines()
    let taskExecutor: (any TaskExecutor)?

    init(
        pool: PostgresClient, leaseTimeout: Duration, maximumConnections: Int, endpoint: DatabaseEndpoint,
        taskExecutor: (any TaskExecutor)?
    ) {
        self.pool = pool
        self.taskExecutor = taskExecutor
        self.watch = ConnectionWatch(taskExecutor: taskExecutor)
        self.leaseTimeout = leaseTimeout
        self.maximumConnections = maximumConnections
        self.reachability = DatabaseReachability(host: endpoint.host, port: endpoint.port)
    }

    /// How the pool is used now, for /metrics.
    public struct Usage: Sendable {
        public let inUse: Int
        public let waiting: Int
        public let maximum: Int
        /// Requests refused with 503 since the start, for want of a connection.
        public let refused: Int
        /// Operations given up since the start because PostgreSQL closed their connection.
        public let abandoned: Int
    }

    public var usage: Usage {
        Usage(
            inUse: progress.inUse.load(ordering: .relaxed), waiting: progress.waiting.load(ordering: .relaxed),
            maximum: maximumConnections, refused: progress.refused.load(ordering: .relaxed),
            abandoned: watch.abandoned.load(ordering: .relaxed))
    }

    /// The statement's rows, read whole before the connection goes back to the pool.
    public struct Rows: AsyncSequence, Sendable {
        public typealias Element = PostgresRow
        public let rows: [PostgresRow]

        public func collect() async throws -> [PostgresRow] { rows }

        public struct AsyncIterator: AsyncIteratorProtocol {
            var base: IndexingIterator<[PostgresRow]>
            public mutating func next() async throws -> PostgresRow? { base.next() }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: rows.makeIterator()) }

        /// The rows decoded as `columnType`, in order: they are already in memory.
        public func decode<each Column: PostgresDecodable>(
            _ columnType: (repeat each Column).Type, file: String = #fileID, line: Int = #line
        ) throws -> [(repeat each Column)] {
            try rows.map { try $0.decode(columnType, file: file, line: line) }
        }
    }

    // Every statement's error leaves this client as a domain error (`DatabaseErrorMapping`), so
    // that stores and handlers see rules, never SQL states; an error the mapping does not know
    // (a statement the schema refuses as malformed) stays as PostgresNIO threw it: a fault of
    // the service, answered 500 and logged.

    /// One statement. `attempts` above 1 runs it again when it lost to a concurrent transaction
    /// (a deadlock or a serialization failure: nothing of it was stored).
    @discardableResult
    public func query(
        _ query: PostgresQuery, logger: Logger, attempts: Int = 1, file: String = #fileID, line: Int = #line
    ) async throws -> Rows {
        try await rows(query, logger: logger, attempts: attempts, references: .required, file: file, line: line)
    }

    /// A DELETE: a foreign key that fails here means that other rows still refer to the one
    /// deleted, which the refusal says (`DatabaseErrorMapping.stillUsed`).
    @discardableResult
    public func delete(
        _ query: PostgresQuery, logger: Logger, file: String = #fileID, line: Int = #line
    ) async throws
        -> Rows
    {
        try await rows(query, logger: logger, attempts: 1, references: .stillUsed, file: file, line: line)
    }

    private func rows(
        _ query: PostgresQuery, logger: Logger, attempts: Int, references: DatabaseErrorMapping.References,
        file: String, line: Int
    ) async throws -> Rows {
        try await mapping(attempts: attempts, references: references) {
            try await withConnection { connection in
                Rows(rows: try await connection.query(query, logger: logger, file: file, line: line).collect())
            }
        }
    }

    /// A prepared statement (prepared once per connection by PostgresNIO).
    public func execute<Statement: PostgresPreparedStatement>(
        _ statement: Statement, logger: Logger, attempts: Int = 1, file: String = #fileID, line: Int = #line
    ) async throws -> [Statement.Row] where Statement.Row: Sendable {
        try await mapping(attempts: attempts, references: .required) {
            try await withConnection { connection in
                var rows: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: logger, file: file, line: line) {
                    rows.append(row)
                }
                return rows
            }
        }
    }

    /// `body` in one transaction; with `attempts` above 1, the whole transaction runs again when
    /// it lost to a concurrent one, so `body` must do nothing but database work.
    public func withTransaction<Result: Sendable>(
        logger: Logger, attempts: Int = 1, file: String = #file, line: Int = #line,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await mapping(attempts: attempts, references: .required) {
            try await withConnection { connection in
                try await connection.withTransaction(logger: logger, file: file, line: line) { connection in
                    try await body(connection)
                }
            }
        }
    }

    private func mapping<Result>(
        attempts: Int, references: DatabaseErrorMapping.References, _ body: () async throws -> Result
    ) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch {
                let cause = DatabaseErrorMapping.unwrapped(error)
                if attempt < attempts, DatabaseErrorMapping.lostToConcurrentTransaction(cause) {
                    attempt += 1
                    continue
                }
                throw DatabaseErrorMapping.map(cause, references: references)
            }
        }
    }

    /// A connection held for as long as `body` runs (a LISTEN), waited for as long as the pool
    /// takes, and not counted among the requests' connections; only the watch applies
    /// (`ConnectionWatch`), so a LISTEN written to a closed connection ends instead of hanging.
    public func withHeldConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let watch = watch
        return try await pool.withConnection { connection in
            try await watch.run(on: connection, body)
        }
    }

    /// A connection for `body`, if the pool hands one over within `leaseTimeout`; 503 otherwise.
    ///
    /// The lease is awaited in a task of its own, so that the caller can be answered 503 while the
    /// pool still holds the request in its queue; the deadline is kept by one shared ticker
    /// (`LeaseDeadlines`) rather than a timer per statement, which a busy instance would arm and
    /// disarm thousands of times a second.
    public func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let lease = LeaseState()
        let answer = Delivery<Result>()
        let pool = pool
        let progress = progress
        let watch = watch
        let deadlines = deadlines
        progress.waiting.add(1, ordering: .relaxed)
        let deadline = deadlines.watch(
            LeaseDeadlines.Waiter(
                started: ContinuousClock.now, due: ContinuousClock.now + leaseTimeout,
                check: { [self] waiter in check(waiter, lease: lease, answer: answer) }))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                answer.install(continuation)
                // Task-local values (the request's scope) go with it; cancellation is forwarded.
                answer.start(
                    Task(executorPreference: taskExecutor) {
                        do {
                            let result = try await pool.withConnection { connection in
                                // Too late: the caller was already answered 503, so nothing may run.
                                guard lease.take() else { throw CancellationError() }
                                deadlines.forget(deadline)
                                progress.leased()
                                defer { progress.inUse.subtract(1, ordering: .relaxed) }
                                return try await watch.run(on: connection, body)
                            }
                            answer.deliver(.success(result))
                        } catch {
                            // Refused before any connection came (the pool failed or the caller
                            // went away): no longer waiting.
                            if lease.expire() {
                                deadlines.forget(deadline)
                                progress.waiting.subtract(1, ordering: .relaxed)
                            }
                            answer.deliver(.failure(error))
                        }
                    })
            }
        } onCancel: {
            answer.cancel()
        }
    }

    /// What to do when a waiting lease reaches its deadline: wait on while the pool still hands
    /// connections out or PostgreSQL still accepts them (up to `busyLimit`), else answer 503.
    /// A busy pool that still hands connections out is waited for until no connection has been
    /// handed out for `leaseTimeout` (not a whole `leaseTimeout` more, which let a request caught
    /// by an outage wait twice as long).
    private func check<Result: Sendable>(
        _ waiter: LeaseDeadlines.Waiter, lease: LeaseState, answer: Delivery<Result>
    ) -> LeaseDeadlines.Verdict {
        // Leased (it runs to its end, however long) or already answered.
        guard lease.isWaiting else { return .done }
        let waited = ContinuousClock.now - waiter.started
        let quiet = progress.sinceLastLease()
        if waited < busyLimit, quiet < leaseTimeout {
            return .again(after: leaseTimeout - quiet)
        }
        if waited < busyLimit {
            return .probe(reachability, again: leaseTimeout, orElse: { expire(lease: lease, answer: answer, waited: waited) })
        }
        expire(lease: lease, answer: answer, waited: waited)
        return .done
    }

    private func expire<Result: Sendable>(lease: LeaseState, answer: Delivery<Result>, waited: Duration) {
        guard lease.expire() else { return }
        progress.waiting.subtract(1, ordering: .relaxed)
        progress.refused.add(1, ordering: .relaxed)
        answer.deliver(
            .failure(
                DomainError.unavailable(
                    detail: waited < busyLimit
                        ? "the database is not reachable; retry shortly" : "the database is overloaded; retry shortly")),
            cancellingTask: true)
    }
}
