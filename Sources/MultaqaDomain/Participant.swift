import Foundation

/// A person's part in a session. Every role is an active one: nobody speaks in one room
/// while coordinating a workshop in another.
public struct Participant: Equatable, Sendable {
    public enum Role: String, CaseIterable, Sendable {
        case speaker, moderator, chair, panelist, coordinator, rapporteur
    }

    public var sessionID: UUID
    public var personID: UUID
    public var role: Role
    public var talkTitle: LocalizedText
    public var displayOrder: Int

    public init(sessionID: UUID, personID: UUID, role: Role, talkTitle: LocalizedText = .init(), displayOrder: Int = 0) {
        self.sessionID = sessionID
        self.personID = personID
        self.role = role
        self.talkTitle = talkTitle
        self.displayOrder = displayOrder
    }

    public func validated() throws(DomainError) -> Participant {
        var violations: [FieldViolation] = []
        var participant = self
        participant.talkTitle = talkTitle.validated("talkTitle", maxLength: 300, required: false, into: &violations)
        if !Partner.displayOrders.contains(displayOrder) {
            violations.append(FieldViolation(field: "displayOrder", message: "must be between 0 and 100000"))
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return participant
    }
}
