import NIOCore
import NIOPosix
import Synchronization

/// The deadlines of the statements waiting for a connection, kept by one ticker per pool instead
/// of a timer per statement. The ticker runs only while some statement waits, a few times per
/// lease timeout, so a deadline is met within a tenth of a second; nothing here is per request
/// but an insertion and a removal under a lock.
final class LeaseDeadlines: Sendable {
    /// A statement waiting for its connection.
    struct Waiter: Sendable {
        let started: ContinuousClock.Instant
        var due: ContinuousClock.Instant
        /// Asked once `due` has passed.
        let check: @Sendable (Waiter) -> Verdict
    }

    /// What a waiter's check decided.
    enum Verdict: Sendable {
        /// Leased or answered: forget it.
        case done
        /// Ask again after this long.
        case again(after: Duration)
        /// Ask again after `delay` if PostgreSQL accepts connections; `orElse` otherwise.
        case probe(DatabaseReachability, again: Duration, orElse: @Sendable () -> Void)
    }

    private struct State {
        var waiters: [UInt64: Waiter] = [:]
        var next: UInt64 = 0
        var ticking = false
    }

    private let state = Mutex(State())
    private let tick: TimeAmount
    private let eventLoop: any EventLoop

    init(tick: Duration = .milliseconds(50)) {
        self.tick = .nanoseconds(tick.components.seconds * 1_000_000_000 + tick.components.attoseconds / 1_000_000_000)
        self.eventLoop = MultiThreadedEventLoopGroup.singleton.next()
    }

    /// Watches `waiter` until its check says it is done or it is forgotten.
    func watch(_ waiter: Waiter) -> UInt64 {
        let (key, start) = state.withLock { state -> (UInt64, Bool) in
            state.next &+= 1
            state.waiters[state.next] = waiter
            defer { state.ticking = true }
            return (state.next, !state.ticking)
        }
        if start { schedule() }
        return key
    }

    /// The statement has its connection (or its answer): no deadline applies any more.
    func forget(_ key: UInt64) {
        state.withLock { _ = $0.waiters.removeValue(forKey: key) }
    }

    private func schedule() {
        eventLoop.scheduleTask(in: tick) { [self] in run() }
    }

    private func run() {
        let now = ContinuousClock.now
        // Leased statements are forgotten at once, so the table holds only those still waiting;
        // checks run outside the lock.
        let due = state.withLock { state -> [(UInt64, Waiter)] in
            state.waiters.filter { $0.value.due <= now }.map { ($0.key, $0.value) }
        }
        for (key, waiter) in due {
            switch waiter.check(waiter) {
            case .done:
                state.withLock { _ = $0.waiters.removeValue(forKey: key) }
            case .again(let delay):
                state.withLock { $0.waiters[key]?.due = now + delay }
            case .probe(let reachability, let delay, let orElse):
                // Probing takes up to half a second: not on the ticker's turn.
                state.withLock { $0.waiters[key]?.due = now + .seconds(3600) }
                Task {
                    if await reachability.isReachable() {
                        self.state.withLock { $0.waiters[key]?.due = ContinuousClock.now + delay }
                    } else {
                        orElse()
                        self.state.withLock { _ = $0.waiters.removeValue(forKey: key) }
                    }
                }
            }
        }
        let more = state.withLock { state -> Bool in
            state.ticking = !state.waiters.isEmpty
            return state.ticking
        }
        if more { schedule() }
    }
}
