/// The ids of the meeting `Fixtures.agadirMeeting` made.
public struct AgadirMeeting: Sendable {
    /// The event.
    public let event: String
    /// Its three workshops, one after the other on the first day.
    public let workshops: [String]
    /// The fictional rapporteur of the first workshop (a person).
    public let rapporteur: String
    /// The organization that owns the recommendations' follow-up.
    public let owner: String
}
