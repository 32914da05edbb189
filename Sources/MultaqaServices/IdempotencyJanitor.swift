import MultaqaStore
import ServiceLifecycle

/// Forgets the answers kept for `Idempotency-Key` once they are older than 24 hours.
/// Every instance runs it; the DELETE is idempotent, so several at once do no harm.
public struct IdempotencyJanitor: Service {
    let store: IdempotencyStore

    public init(store: IdempotencyStore) {
        self.store = store
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
                if Task.isCancelled { break }
                try? await store.purgeExpired()
            }
        }
    }
}
