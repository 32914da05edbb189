import Foundation

public enum RegistrationStatus: String, CaseIterable, Sendable {
    case confirmed, waitlisted, pendingApproval = "pending_approval", cancelled, rejected

    /// Still counts: holds a seat or a place in the waitlist.
    public var isActive: Bool { self != .cancelled && self != .rejected }
}
