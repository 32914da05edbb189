import Foundation

/// One recorded use of personal data. `detail` says what was asked (a filter, a format), never
/// whose data it was.
public struct AuditRecord: Equatable, Sendable {
    public let id: Int64
    public let recordedAt: Date
    public let actor: AuditActor
    public let action: AuditAction
    public let eventID: UUID
    public let eventSlug: String
    public let people: Int
    public let detail: [String: String]

    public init(
        id: Int64, recordedAt: Date, actor: AuditActor, action: AuditAction, eventID: UUID, eventSlug: String, people: Int,
        detail: [String: String]
    ) {
        self.id = id
        self.recordedAt = recordedAt
        self.actor = actor
        self.action = action
        self.eventID = eventID
        self.eventSlug = eventSlug
        self.people = people
        self.detail = detail
    }
}
