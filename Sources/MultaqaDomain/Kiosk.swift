import Foundation

/// A check-in kiosk: the door of one event on one day, opened by a code the organiser made.
public struct Kiosk: Sendable, Equatable {
    public var id: UUID
    public var eventID: UUID
    /// YYYY-MM-DD, a day of the event in its time zone: the day its scans count for.
    public var day: String
    public var label: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: UUID, eventID: UUID, day: String, label: String, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.eventID = eventID
        self.day = day
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
