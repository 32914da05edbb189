import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MultaqaDomain
import MultaqaStore
import NIOCore
import ServiceLifecycle

/// Forgets the answers kept for `Idempotency-Key` once they are older than 24 hours.
/// Every instance runs it; the DELETE is idempotent, so several at once do no harm.
struct IdempotencyJanitor: Service {
    let store: IdempotencyStore

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
                if Task.isCancelled { break }
                try? await store.purgeExpired()
            }
        }
    }
}
