import Logging
import PostgresNIO

/// The service's handle on PostgreSQL: one `PostgresClient` pool, run as a service of the
/// application so that it starts and shuts down with it (issue 3).
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(endpoint: DatabaseEndpoint, maximumConnections: Int = 20, minimumConnections: Int = 0, logger: Logger) {
        self.client = PostgresClient(
            configuration: endpoint.clientConfiguration(
                maximumConnections: maximumConnections, minimumConnections: minimumConnections),
            backgroundLogger: logger)
        self.logger = logger
    }

    /// Whether the database answers within `timeout`: the readiness probe must answer quickly
    /// also while PostgreSQL is down, so a slow or hanging attempt counts as "not ready".
    public func isReady(timeout: Duration = .seconds(2)) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    let rows = try await client.query("SELECT 1", logger: logger)
                    for try await _ in rows {}
                    return true
                } catch {
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
