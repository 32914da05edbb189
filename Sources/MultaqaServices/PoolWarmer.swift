import MultaqaStore
import ServiceLifecycle

/// Opens the pool's connections when the service starts, then stays out of the way (a service
/// that returns would stop the application).
public struct PoolWarmer: Service {
    let database: Database
    let connections: Int

    public init(database: Database, connections: Int) {
        self.database = database
        self.connections = connections
    }

    public func run() async throws {
        if connections > 0 { await database.warmUp(connections: connections) }
        try? await gracefulShutdown()
    }
}
