import Foundation

/// Why an attendee got what they got in one slot: for each choice ranked above it that they
/// missed, what stood in the way.
public struct AllocationExplanation: Codable, Equatable, Sendable {
    /// Serial mechanisms: the attendee's turn (1 = first served) and the number of turns.
    public var turn: Int?
    public var turns: Int?
    public var missed: [MissedChoice]

    public init(turn: Int? = nil, turns: Int? = nil, missed: [MissedChoice] = []) {
        self.turn = turn
        self.turns = turns
        self.missed = missed
    }
}

/// A choice ranked higher than the one received.
public struct MissedChoice: Codable, Equatable, Sendable {
    public var workshop: UUID
    public var rank: Int
    /// Serial mechanisms: the turn at which its last seat went.
    public var filledAtTurn: Int?
    /// `rankMaximal`: what giving it to this attendee would have cost the others, as changes in
    /// how many of them get their n-th choice (rank nil: no workshop in the slot).
    public var costToOthers: [RankChange]?
    /// The workshop had no free seat to share out at all (taken before this allocation).
    public var hadNoSeat: Bool

    public init(
        workshop: UUID, rank: Int, filledAtTurn: Int? = nil, costToOthers: [RankChange]? = nil, hadNoSeat: Bool = false
    ) {
        self.workshop = workshop
        self.rank = rank
        self.filledAtTurn = filledAtTurn
        self.costToOthers = costToOthers
        self.hadNoSeat = hadNoSeat
    }
}

/// How many more (positive) or fewer (negative) attendees would get their `rank`-th choice; rank nil
/// counts attendees left without a workshop.
public struct RankChange: Codable, Equatable, Sendable {
    public var rank: Int?
    public var change: Int

    public init(rank: Int?, change: Int) {
        self.rank = rank
        self.change = change
    }
}
