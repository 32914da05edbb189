import Logging
import MultaqaDomain
import PostgresNIO
import Synchronization

/// Who won between the lease and the deadline, decided once.
final class LeaseState: Sendable {
    private enum State { case waiting, leased, expired }
    private let state = Mutex(State.waiting)

    /// Neither a connection nor the deadline has come.
    var isWaiting: Bool { state.withLock { $0 == .waiting } }

    /// The connection arrived: true if in time.
    func take() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .leased
            return true
        }
    }

    /// The deadline passed: true if no connection had arrived.
    func expire() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .expired
            return true
        }
    }
}
