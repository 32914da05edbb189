import Synchronization

/// One operation's result, handed to its caller once: by the operation or by its abandonment.
final class Delivery<Result: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result, any Error>?
        var delivered = false
        var task: Task<Void, Never>?
        var cancelled = false
    }
    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<Result, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func start(_ task: Task<Void, Never>) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled { task.cancel() }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }

    /// True if this was the first result, the one the caller gets. An abandoned operation's task
    /// is cancelled too, so whatever in it does listen to cancellation stops.
    @discardableResult
    func deliver(
        _ result: Swift.Result<Result, any Error>, cancellingTask: Bool = false, whenFirst: () -> Void = {}
    ) -> Bool {
        let (continuation, task) = state.withLock { state -> (CheckedContinuation<Result, any Error>?, Task<Void, Never>?) in
            guard !state.delivered else { return (nil, nil) }
            state.delivered = true
            defer {
                state.continuation = nil
                state.task = nil
            }
            return (state.continuation, state.task)
        }
        guard let continuation else { return false }
        if cancellingTask { task?.cancel() }
        whenFirst()
        continuation.resume(with: result)
        return true
    }
}
