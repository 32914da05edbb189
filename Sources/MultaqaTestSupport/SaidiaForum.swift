/// The ids of the forum `Fixtures.saidiaForum` made, and the day it takes place.
public struct SaidiaForum: Sendable {
    /// The event.
    public let event: String
    /// Its three workshops: the first two at the same time (10:00–12:00), the third after lunch.
    public let workshops: [String]
    /// The forum's day, `yyyy-MM-dd`.
    public let day: String
}
