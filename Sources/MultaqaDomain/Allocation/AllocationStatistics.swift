import Foundation

/// What a proposal achieves, to compare proposals before applying one.
public struct AllocationStatistics: Codable, Equatable, Sendable {
    public struct WorkshopFigures: Codable, Equatable, Sendable {
        public var workshop: UUID
        public var slot: Int
        /// Seats that were free; nil when the workshop has no capacity.
        public var seats: Int?
        public var filled: Int
        /// Seats held before this allocation.
        public var taken: Int
        /// Attendees who ranked it first, and who ranked it at all.
        public var firstChoices: Int
        public var demand: Int
        /// Fewer attendees than the organisers' minimum for a workshop to run.
        public var belowMinimum: Bool
    }

    /// Attendees with at least one ranking.
    public var attendees: Int
    /// Attendee-slot pairs: each is one placement.
    public var placements: Int
    /// `byRank[0]`: placements on a first choice, and so on.
    public var byRank: [Int]
    public var unassigned: Int
    public var workshops: [WorkshopFigures]

    /// The rank signature, compared lexicographically: more first choices is better, then more
    /// second choices, and so on.
    public var signature: [Int] { byRank }

    public init(outcome placements: [AllocationPlacement], input: AllocationInput, minimumAttendance: Int?) {
        let maxRank = placements.compactMap(\.rank).max() ?? 0
        var byRank = Array(repeating: 0, count: maxRank)
        var filled: [UUID: Int] = [:]
        for placement in placements {
            if let rank = placement.rank { byRank[rank - 1] += 1 }
            if let workshop = placement.workshop { filled[workshop, default: 0] += 1 }
        }
        var first: [UUID: Int] = [:]
        var demand: [UUID: Int] = [:]
        for attendee in input.attendees {
            for ranking in attendee.rankings.values {
                if let top = ranking.first { first[top, default: 0] += 1 }
                for workshop in ranking { demand[workshop, default: 0] += 1 }
            }
        }
        self.attendees = Set(placements.map(\.attendee)).count
        self.placements = placements.count
        self.byRank = byRank
        self.unassigned = placements.filter { $0.workshop == nil }.count
        self.workshops = input.workshops.map { workshop in
            let count = filled[workshop.id, default: 0]
            return WorkshopFigures(
                workshop: workshop.id, slot: workshop.slot, seats: workshop.seats, filled: count, taken: workshop.taken,
                firstChoices: first[workshop.id, default: 0], demand: demand[workshop.id, default: 0],
                belowMinimum: minimumAttendance.map { count + workshop.taken < $0 } ?? false)
        }
    }
}
