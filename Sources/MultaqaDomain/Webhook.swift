import Foundation

/// An endpoint of another system that is told of changes, signed with a secret shown once.
public struct Webhook: Equatable, Sendable {
    public var id: UUID
    public var url: String
    public var kinds: [WebhookKind]
    /// Only this event's changes; nil: every event's.
    public var eventID: UUID?
    public var createdAt: Date

    public init(id: UUID, url: String, kinds: [WebhookKind], eventID: UUID?, createdAt: Date) {
        self.id = id
        self.url = url
        self.kinds = kinds
        self.eventID = eventID
        self.createdAt = createdAt
    }
}
