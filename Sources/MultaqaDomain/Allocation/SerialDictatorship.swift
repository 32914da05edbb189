import Foundation

/// Attendees are served one at a time in a fixed order; each takes the best workshop they ranked
/// that still has a seat. Used in registration order (`priority`) and in a draw's order (`lottery`).
struct SerialDictatorship {
    /// `order`: indices into the input's attendees, the first served first.
    static func allocate(_ input: AllocationInput, order: [Int]) -> [AllocationPlacement] {
        let turnOf = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 + 1) })
        var placements: [AllocationPlacement] = []
        for problem in SlotProblem.slots(of: input) {
            var free = problem.seats
            var filledAt = Array(repeating: Int?.none, count: problem.workshops.count)
            let served = problem.attendees.indices.sorted { turnOf[problem.attendees[$0]]! < turnOf[problem.attendees[$1]]! }
            for local in served {
                let attendee = problem.attendees[local]
                let turn = turnOf[attendee]!
                let ranking = problem.rankings[local]
                let chosen = ranking.firstIndex { free[$0] > 0 }
                var explanation = AllocationExplanation(turn: turn, turns: order.count)
                for rank in 0..<(chosen ?? ranking.count) {
                    let missed = ranking[rank]
                    explanation.missed.append(
                        MissedChoice(
                            workshop: problem.workshops[missed], rank: rank + 1, filledAtTurn: filledAt[missed],
                            hadNoSeat: problem.seats[missed] == 0))
                }
                var workshop: UUID?
                if let chosen {
                    let taken = ranking[chosen]
                    free[taken] -= 1
                    if free[taken] == 0 { filledAt[taken] = turn }
                    workshop = problem.workshops[taken]
                }
                placements.append(
                    AllocationPlacement(
                        attendee: input.attendees[attendee].id, slot: problem.slot, workshop: workshop,
                        rank: chosen.map { $0 + 1 }, explanation: explanation))
            }
        }
        return placements
    }
}
