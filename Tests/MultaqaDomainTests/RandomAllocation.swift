import Foundation
import MultaqaDomain

/// Random allocation inputs with skewed popularity: the first workshops of a slot are ranked first
/// more often, as the popular workshop of a real meeting is.
struct RandomAllocation {
    var slots: ClosedRange<Int> = 1...3
    var workshopsPerSlot: ClosedRange<Int> = 1...5
    var seats: ClosedRange<Int> = 0...6
    var attendees: ClosedRange<Int> = 0...40

    func make(seed: UInt64) -> AllocationInput {
        var random = SeededGenerator(seed: seed)
        var workshops: [AllocationInput.Workshop] = []
        var bySlot: [Int: [UUID]] = [:]
        for slot in 1...Int.random(in: slots, using: &random) {
            for _ in 0..<Int.random(in: workshopsPerSlot, using: &random) {
                let id = UUID(uuid: Self.bytes(&random))
                let unlimited = Int.random(in: 0..<10, using: &random) == 0
                workshops.append(
                    .init(id: id, slot: slot, seats: unlimited ? nil : Int.random(in: seats, using: &random)))
                bySlot[slot, default: []].append(id)
            }
        }
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        let people = (0..<Int.random(in: attendees, using: &random)).map { index in
            var rankings: [Int: [UUID]] = [:]
            for slot in bySlot.keys.sorted() where Int.random(in: 0..<6, using: &random) > 0 {
                let ids = bySlot[slot]!
                // Skewed: each workshop draws a key that favours the earlier ones.
                let keyed = ids.enumerated().map { ($1, Double.random(in: 0..<1, using: &random) * Double($0 + 1)) }
                let ordered = keyed.sorted { $0.1 < $1.1 }.map(\.0)
                rankings[slot] = Array(ordered.prefix(Int.random(in: 1...ids.count, using: &random)))
            }
            return AllocationInput.Attendee(
                id: UUID(uuid: Self.bytes(&random)), registeredAt: start.addingTimeInterval(Double(index)),
                rankings: rankings)
        }
        return AllocationInput(workshops: workshops, attendees: people)
    }

    static func bytes(_ random: inout SeededGenerator) -> uuid_t {
        let a = random.next()
        let b = random.next()
        return (
            UInt8(truncatingIfNeeded: a), UInt8(truncatingIfNeeded: a >> 8), UInt8(truncatingIfNeeded: a >> 16),
            UInt8(truncatingIfNeeded: a >> 24), UInt8(truncatingIfNeeded: a >> 32), UInt8(truncatingIfNeeded: a >> 40),
            0x40 | UInt8(truncatingIfNeeded: a >> 48) & 0x0F, UInt8(truncatingIfNeeded: a >> 56),
            0x80 | UInt8(truncatingIfNeeded: b) & 0x3F, UInt8(truncatingIfNeeded: b >> 8),
            UInt8(truncatingIfNeeded: b >> 16), UInt8(truncatingIfNeeded: b >> 24), UInt8(truncatingIfNeeded: b >> 32),
            UInt8(truncatingIfNeeded: b >> 40), UInt8(truncatingIfNeeded: b >> 48), UInt8(truncatingIfNeeded: b >> 56)
        )
    }
}
