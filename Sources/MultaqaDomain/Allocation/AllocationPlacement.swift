import Foundation

/// One attendee's result in one slot they ranked workshops in.
public struct AllocationPlacement: Equatable, Sendable {
    public var attendee: UUID
    public var slot: Int
    /// Nil: none of the workshops they ranked could be given.
    public var workshop: UUID?
    /// 1 for the first choice.
    public var rank: Int?
    public var explanation: AllocationExplanation

    public init(attendee: UUID, slot: Int, workshop: UUID?, rank: Int?, explanation: AllocationExplanation) {
        self.attendee = attendee
        self.slot = slot
        self.workshop = workshop
        self.rank = rank
        self.explanation = explanation
    }
}
