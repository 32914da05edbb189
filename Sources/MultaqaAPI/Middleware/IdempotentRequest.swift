import Foundation
import MultaqaStore

/// The `Idempotency-Key` of the request being served, published by `IdempotencyMiddleware` to
/// the handler that makes the effect: the handler records its effect against the key in the
/// effect's own transaction, or, when an earlier attempt made it and died before answering,
/// answers with that effect.
struct IdempotentRequest: Sendable {
    /// The registration an earlier attempt with this key made, and the manage token its lost
    /// answer carried.
    struct Recorded: Sendable {
        let registrationID: UUID
        let manageToken: String
    }

    let key: IdempotencyStore.Key
    let recorded: Recorded?

    @TaskLocal static var current: IdempotentRequest?
}
