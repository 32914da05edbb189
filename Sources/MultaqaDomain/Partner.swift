import Foundation

/// An organization's role in one event, and where it is listed.
public struct Partner: Equatable, Sendable {
    public enum Role: String, CaseIterable, Sendable {
        case organizer, coOrganizer = "co_organizer", funder, host, technicalPartner = "technical_partner",
            mediaPartner = "media_partner"
    }

    public var eventID: UUID
    public var organizationID: UUID
    public var role: Role
    public var displayOrder: Int

    public init(eventID: UUID, organizationID: UUID, role: Role, displayOrder: Int = 0) {
        self.eventID = eventID
        self.organizationID = organizationID
        self.role = role
        self.displayOrder = displayOrder
    }

    public func validated() throws(DomainError) -> Partner {
        guard Self.displayOrders.contains(displayOrder) else {
            throw .invalid("displayOrder", "must be between 0 and 100000")
        }
        return self
    }

    /// What `display_order` holds; beyond PostgreSQL's integer the statement would fail.
    public static let displayOrders = 0...100_000
}
