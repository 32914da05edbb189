import Logging
import PostgresNIO

/// The service's handle on PostgreSQL: one `PostgresClient` pool, run as a service of the
/// application so that it starts and shuts down with it, used through `client`, which
/// bounds the wait for a connection.
public struct Database: Sendable {
    /// The pool itself: the service to run.
    public let pool: PostgresClient
    public let client: DatabaseClient
    public let logger: Logger

    /// - Parameter leaseTimeout: how long a statement waits for a connection before its request
    ///   gets 503 (the database down or restarting, or every connection busy that long).
    /// - Parameter taskExecutor: where the tasks a statement runs in prefer to run (the service's
    ///   event loops); they are tasks of their own, which would not inherit the caller's preference.
    public init(
        endpoint: DatabaseEndpoint, maximumConnections: Int = 20, leaseTimeout: Duration = .seconds(2),
        taskExecutor: (any TaskExecutor)? = nil, logger: Logger
    ) {
        self.pool = PostgresClient(
            configuration: endpoint.clientConfiguration(maximumConnections: maximumConnections),
            backgroundLogger: logger)
        self.client = DatabaseClient(
            pool: pool, leaseTimeout: leaseTimeout, maximumConnections: maximumConnections, endpoint: endpoint,
            taskExecutor: taskExecutor)
        self.logger = logger
    }

    /// Opens `count` connections at once and keeps them (they close after an idle minute), so
    /// the first burst after a start does not pay a SCRAM handshake per connection.
    /// The pool's own `minimumConnections` did that, but crashed the process on a precondition
    /// when PostgreSQL restarted under load (found by bench/faults).
    public func warmUp(connections count: Int) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask {
                    _ = try? await pool.withConnection { _ in try await Task.sleep(for: .milliseconds(50)) }
                }
            }
        }
    }

    /// Whether the database answers, for the readiness probe: false within the lease timeout
    /// (and a probe) while PostgreSQL refuses connections, so the probe answers quickly then;
    /// waited for while connections are only slow to open (a loaded machine at start, where a
    /// fixed two-second timer of its own made a healthy instance report 503).
    public func isReady() async -> Bool {
        do {
            _ = try await client.query("SELECT 1", logger: logger)
            return true
        } catch {
            return false
        }
    }
}
