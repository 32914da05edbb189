import Logging
import MultaqaDomain
import PostgresNIO
import Synchronization

/// When the pool last handed a connection to anyone.
final class LeaseProgress: Sendable {
    private let origin = ContinuousClock.now
    private let last = Atomic<Int64>(Int64.min / 2)

    let inUse = Atomic<Int>(0)
    let waiting = Atomic<Int>(0)
    let refused = Atomic<Int>(0)

    func leased() {
        last.store(Self.nanoseconds(ContinuousClock.now - origin), ordering: .relaxed)
        waiting.subtract(1, ordering: .relaxed)
        inUse.add(1, ordering: .relaxed)
    }

    func sinceLastLease() -> Duration {
        .nanoseconds(Self.nanoseconds(ContinuousClock.now - origin) - last.load(ordering: .relaxed))
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
