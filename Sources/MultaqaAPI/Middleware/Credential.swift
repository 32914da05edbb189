import HTTPTypes
import MultaqaStore

/// What a request's `Authorization: Bearer …` carries, read once per request by
/// `OperationMiddleware`: the rate limit, the program cache and the handlers ask this, never
/// the header.
enum Credential: Sendable, Equatable {
    /// No `Authorization` header.
    case none
    /// An API token (`mlq_…`): organisers, rapporteurs, administrators.
    case apiToken(String)
    /// A registration's manage token (`reg_…`): its attendee.
    case manageToken(String)
    /// A header that is neither: refused wherever a credential is needed.
    case unrecognised

    init(authorization: String?) {
        guard let authorization else {
            self = .none
            return
        }
        guard authorization.utf8.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            self = .unrecognised
            return
        }
        let token = String(authorization.dropFirst(7).trimmingCharacters(in: .whitespaces))
        if TokenStore.isWellFormed(token) {
            self = .apiToken(token)
        } else if ManageToken.isWellFormed(token) {
            self = .manageToken(token)
        } else {
            self = .unrecognised
        }
    }

    var isAPIToken: Bool {
        if case .apiToken = self { return true }
        return false
    }
}
