/// Everything a request can do wrong, in the domain's words. The HTTP layer maps each case to an
/// RFC 9457 problem in one place (`ProblemMapping`); the store's database client maps SQL states
/// to these cases in one place (`DatabaseErrorMapping`).
public enum DomainError: Error, Equatable, Sendable {
    /// Input broke one or more rules; nothing was stored.
    case validation([FieldViolation])
    /// The resource does not exist, or the caller may not know that it exists.
    case notFound(resource: String)
    /// The request conflicts with the current state (a rule the database enforces): the session
    /// it collides with where there is one, and the moves allowed where the rule is a lifecycle.
    case conflict(rule: String, detail: String, session: SessionReference? = nil, allowed: [String]? = nil)
    /// The change was based on a version that is no longer current.
    case staleVersion(detail: String)
    /// No credentials, or credentials that are not valid.
    case unauthenticated
    /// Valid credentials that do not allow this.
    case forbidden(detail: String)
    /// The database cannot be reached right now; retrying later may succeed.
    case unavailable(detail: String)
    /// More than the limit for its kind (an uploaded file, a request body).
    case exceedsLimit(detail: String)
    /// Bytes that are not a type this operation accepts, or not the type they claim to be.
    case unacceptableFileType(detail: String)
    /// A byte range that lies beyond the file of `size` bytes.
    case rangeBeyondFile(size: Int64)

    public static func invalid(_ field: String, _ message: String) -> DomainError {
        .validation([FieldViolation(field: field, message: message)])
    }

    /// Whether this is a conflict with the rule named `rule`.
    public func isConflict(rule: String) -> Bool {
        if case .conflict(let broken, _, _, _) = self { return broken == rule }
        return false
    }
}

extension DomainError: CustomStringConvertible {
    /// For the command line, where no problem document carries the details.
    public var description: String {
        switch self {
        case .validation(let violations): violations.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .notFound(let resource): "no such \(resource)"
        case .conflict(let rule, let detail, _, _): "\(detail) (\(rule))"
        case .staleVersion(let detail): detail
        case .unauthenticated: "a valid token is required"
        case .forbidden(let detail): detail
        case .unavailable(let detail): detail
        case .exceedsLimit(let detail): detail
        case .unacceptableFileType(let detail): detail
        case .rangeBeyondFile(let size): "the range lies beyond the file's \(size) bytes"
        }
    }
}
