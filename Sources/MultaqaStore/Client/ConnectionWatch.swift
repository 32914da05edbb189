import MultaqaDomain
import NIOCore
import PostgresNIO
import Synchronization

/// Keeps a request from waiting forever on a connection that PostgreSQL has closed (found
/// by `bench/faults/run pgrestart`).
///
/// PostgresNIO 1.33.2 writes each statement to the connection's channel without a write promise.
/// Once the server has closed the connection (a restart sends FATAL 57P01 and hangs up) and NIO
/// has torn the channel's pipeline down, such a write is dropped before it reaches PostgresNIO's
/// handler, and the statement's promise is never completed: the request hangs, and so does a
/// graceful shutdown waiting for it. It happens whenever a statement follows the hang-up on the
/// same connection: the `ROLLBACK` that `withTransaction` sends after a statement failed with
/// 57P01, or a connection handed out by the pool in the moment before it learned of the close.
///
/// So every operation on a leased connection runs in a task of its own, and the caller waits for
/// whichever comes first: the operation's result, or the connection's close future plus `grace`
/// (an operation that was merely failing with the close, or had just committed, has delivered by
/// then). An abandoned
/// operation's task stays suspended on its dead promise; the caller gets 503 and the lease goes
/// back to the pool, which drops the closed connection.
final class ConnectionWatch: Sendable {
    let grace: Duration
    let taskExecutor: (any TaskExecutor)?
    private let entries = Mutex<[PostgresConnection.ID: Entry]>([:])
    private let nextToken = Atomic<UInt64>(0)
    let abandoned = Atomic<Int>(0)

    /// What to do for the operation running on a connection, should the connection close.
    private struct Entry {
        var token: UInt64
        var abandon: (@Sendable () -> Void)?
    }

    static let lost = DomainError.unavailable(
        detail: "the connection to the database was lost while the request ran; retry shortly")

    /// A second: far longer than an operation takes to fail with its connection, and short of the
    /// five seconds the fault suite allows a failing request.
    init(grace: Duration = .seconds(1), taskExecutor: (any TaskExecutor)? = nil) {
        self.grace = grace
        self.taskExecutor = taskExecutor
    }

    func run<Result: Sendable>(
        on connection: PostgresConnection,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        // Handed out already closed: nothing has run, nothing could.
        guard !connection.isClosed else { throw Self.lost }
        let delivery = Delivery<Result>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delivery.install(continuation)
                let token = begin(on: connection) { [self] in
                    // Counted before the caller resumes, so whoever it answers sees the count.
                    delivery.deliver(.failure(Self.lost), cancellingTask: true) {
                        self.abandoned.add(1, ordering: .relaxed)
                    }
                }
                // Task-local values (the request's scope) go with it; cancellation is forwarded.
                delivery.start(
                    Task(executorPreference: taskExecutor) {
                        let result: Swift.Result<Result, any Error>
                        do {
                            result = .success(try await body(connection))
                        } catch {
                            result = .failure(error)
                        }
                        // Before delivering: once delivered, the lease is released and the next
                        // holder of the connection registers its own operation.
                        self.end(on: connection, token: token)
                        delivery.deliver(result)
                    })
            }
        } onCancel: {
            delivery.cancel()
        }
    }

    /// Registers the running operation; the first operation on a connection also subscribes to
    /// its close (one callback per connection, not one per statement).
    private func begin(on connection: PostgresConnection, abandon: @escaping @Sendable () -> Void) -> UInt64 {
        let token = nextToken.add(1, ordering: .relaxed).newValue
        let first = entries.withLock { entries in
            let first = entries[connection.id] == nil
            entries[connection.id] = Entry(token: token, abandon: abandon)
            return first
        }
        if first {
            let id = connection.id
            let eventLoop = connection.closeFuture.eventLoop
            let grace = TimeAmount.nanoseconds(
                grace.components.seconds * 1_000_000_000 + grace.components.attoseconds / 1_000_000_000)
            connection.closeFuture.whenComplete { [self] _ in
                let abandon = entries.withLock { $0.removeValue(forKey: id)?.abandon }
                if let abandon {
                    eventLoop.scheduleTask(in: grace) { abandon() }
                }
            }
        }
        return token
    }

    private func end(on connection: PostgresConnection, token: UInt64) {
        entries.withLock { entries in
            if entries[connection.id]?.token == token {
                entries[connection.id]?.abandon = nil
            }
        }
    }
}
