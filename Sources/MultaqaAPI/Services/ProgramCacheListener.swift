import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MultaqaStore
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Listens on `multaqa_program` for as long as the application runs, reconnecting after a
/// database restart; the cache is trusted only while it listens.
struct ProgramCacheListener: Service {
    let cache: ProgramCache
    let database: Database

    func run() async throws {
        // Shutdown cancels the listener even while it waits for a connection that will not come.
        await cancelWhenGracefulShutdown { await listen() }
    }

    private func listen() async {
        while !Task.isCancelled {
            do {
                // Watched: a LISTEN written to a connection PostgreSQL has just closed would
                // otherwise wait forever (ConnectionWatch), and with it the shutdown.
                try await database.client.withHeldConnection { connection in
                    try await connection.listen(on: "multaqa_program") { notifications in
                        cache.setListening(true)
                        defer { cache.setListening(false) }
                        for try await notification in notifications {
                            if let id = UUID(idText: notification.payload) {
                                cache.invalidate(eventID: id)
                            } else {
                                cache.invalidateAll()
                            }
                        }
                    }
                }
            } catch {
                cache.setListening(false)
                if Task.isCancelled { break }
                database.logger.warning(
                    "program cache listener lost the database; retrying",
                    metadata: ["error": "\(String(describing: type(of: error)))"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
