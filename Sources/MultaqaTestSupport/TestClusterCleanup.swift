import Foundation
import Logging
import MultaqaMigrations
import MultaqaStore
import Testing

/// Stops the throwaway cluster at process exit: Swift Testing has no hook after the last test.
enum TestClusterCleanup {
    nonisolated(unsafe) private static var cluster: EmbeddedCluster?

    static func register(_ cluster: EmbeddedCluster) {
        Self.cluster = cluster
        atexit {
            guard let cluster = TestClusterCleanup.cluster else { return }
            cluster.stopImmediately()
            try? FileManager.default.removeItem(atPath: cluster.dataDirectory)
        }
    }
}
