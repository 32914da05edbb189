import MultaqaStore
import ServiceLifecycle

/// Opens the pool's connections when the service starts, then stays out of the way (a service
/// that returns would stop the application).
struct PoolWarmer: Service {
    let database: Database
    let connections: Int

    func run() async throws {
        if connections > 0 { await database.warmUp(connections: connections) }
        try? await gracefulShutdown()
    }
}
