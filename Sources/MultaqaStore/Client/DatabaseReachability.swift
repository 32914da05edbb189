import NIOCore
import NIOPosix
import Synchronization

/// Whether the database server accepts TCP connections at all, asked when the pool has handed no
/// connection to anyone for a while: a refused or timed-out connection means PostgreSQL
/// is down or restarting, and requests get 503 at once; an accepted one means the pool is only
/// slow (connections still opening on a loaded machine), and requests keep waiting. One probe
/// answers every request for a quarter of a second, so a crowd at the deadline sends one.
final class DatabaseReachability: Sendable {
    let host: String
    let port: Int
    private let cached = Mutex<(at: ContinuousClock.Instant, reachable: Bool)?>(nil)
    static let freshness: Duration = .milliseconds(250)

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// A server that is down refuses at once; a connection that is not even answered within
    /// `timeout` is a host away. The timeout is generous because on a loaded machine the answer
    /// of a server on the same host can wait for a busy event loop: half a second was seen to
    /// pass for an outage while the suite and the mail tests' programs ran on two cores.
    func isReachable(timeout: Duration = .seconds(2)) async -> Bool {
        if let (at, reachable) = cached.withLock({ $0 }), ContinuousClock.now - at < Self.freshness {
            return reachable
        }
        let reachable: Bool
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(
                    .milliseconds(
                        Int64(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
                )
                .connect(host: host, port: port).get()
            try? await channel.close()
            reachable = true
        } catch {
            reachable = false
        }
        cached.withLock { $0 = (ContinuousClock.now, reachable) }
        return reachable
    }
}
