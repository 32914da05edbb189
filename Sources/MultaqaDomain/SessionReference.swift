import Foundation

/// The session a conflict is about (the one already in the room, or where the person already
/// speaks), so that a client can show it and let the organiser go to it.
public struct SessionReference: Equatable, Sendable {
    public let id: UUID
    public let title: LocalizedText
    public let startsAt: Date
    public let endsAt: Date

    public init(id: UUID, title: LocalizedText, startsAt: Date, endsAt: Date) {
        self.id = id
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
