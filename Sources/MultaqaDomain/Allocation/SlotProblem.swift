import Foundation

/// One time slot of an allocation, with workshops and attendees as indices: slots are independent
/// (each workshop belongs to one, and an attendee gets at most one workshop per slot), so every
/// mechanism solves them one at a time.
struct SlotProblem {
    let slot: Int
    let workshops: [UUID]
    /// Free seats per workshop; a workshop without capacity gets one seat per attendee.
    let seats: [Int]
    /// Indices into the input's attendees, in registration order.
    let attendees: [Int]
    /// Per attendee of `attendees`, the workshops ranked, best first, as indices into `workshops`.
    let rankings: [[Int]]

    static func slots(of input: AllocationInput) -> [SlotProblem] {
        input.slots.map { slot in
            let workshops = input.workshops.filter { $0.slot == slot }
            let index = Dictionary(uniqueKeysWithValues: workshops.enumerated().map { ($1.id, $0) })
            var attendees: [Int] = []
            var rankings: [[Int]] = []
            for (position, attendee) in input.attendees.enumerated() {
                var seen = Set<Int>()
                let ranking = (attendee.rankings[slot] ?? []).compactMap { index[$0] }.filter { seen.insert($0).inserted }
                guard !ranking.isEmpty else { continue }
                attendees.append(position)
                rankings.append(ranking)
            }
            return SlotProblem(
                slot: slot, workshops: workshops.map(\.id),
                seats: workshops.map { max(0, $0.seats ?? attendees.count) }, attendees: attendees, rankings: rankings)
        }
    }
}
