/// An export about to read personal data, to be recorded with the read: who asks, what, and the
/// request's terms.
public struct AuditedUse: Equatable, Sendable {
    public let actor: AuditActor
    public let action: AuditAction
    public let detail: [String: String]

    public init(_ actor: AuditActor, _ action: AuditAction, detail: [String: String] = [:]) {
        self.actor = actor
        self.action = action
        self.detail = detail
    }
}
