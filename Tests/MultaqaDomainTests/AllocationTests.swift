import Foundation
import MultaqaDomain
import Testing

@Suite("Workshop allocation by preference")
struct AllocationTests {
    /// Hundreds of random instances, each from its own seed (printed when a check fails).
    static let seeds: [UInt64] = Array(1...300)

    @Test("every mechanism respects capacities, gives one workshop per slot, places every ranking and wastes no seat")
    func feasibleAndWithoutWaste() {
        for seed in Self.seeds {
            let input = RandomAllocation().make(seed: seed)
            for mechanism in AllocationMechanism.allCases {
                let placements = Allocator.allocate(input, mechanism: mechanism, seed: "seed-\(seed)")
                let problems = Self.violations(placements, input: input)
                #expect(problems.isEmpty, "seed \(seed), \(mechanism): \(problems)")
            }
        }
    }

    @Test("priority and lottery leave nobody with justified envy in their order")
    func noJustifiedEnvy() {
        for seed in Self.seeds {
            let input = RandomAllocation().make(seed: seed)
            let ids = input.attendees.map(\.id)
            let orders: [(AllocationMechanism, [UUID])] = [
                (.priority, ids), (.lottery, LotteryDraw(seed: "seed-\(seed)").order(of: ids).map { ids[$0] }),
            ]
            for (mechanism, order) in orders {
                let placements = Allocator.allocate(input, mechanism: mechanism, seed: "seed-\(seed)")
                let turn = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
                let rankings = Dictionary(uniqueKeysWithValues: input.attendees.map { ($0.id, $0.rankings) })
                for earlier in placements {
                    let ranking = rankings[earlier.attendee]![earlier.slot]!
                    let own = earlier.rank ?? (ranking.count + 1)
                    for later in placements
                    where later.slot == earlier.slot && turn[later.attendee]! > turn[earlier.attendee]! {
                        guard let taken = later.workshop, let wanted = ranking.firstIndex(of: taken) else { continue }
                        #expect(wanted + 1 >= own, "seed \(seed), \(mechanism): an earlier attendee envies a later one")
                    }
                }
            }
        }
    }

    @Test("rank_maximal's rank signature is never worse than priority's or lottery's")
    func rankMaximalDominates() {
        for seed in Self.seeds {
            let input = RandomAllocation().make(seed: seed)
            let best = Self.signature(Allocator.allocate(input, mechanism: .rankMaximal))
            for mechanism in [AllocationMechanism.priority, .lottery] {
                let other = Self.signature(Allocator.allocate(input, mechanism: mechanism, seed: "s\(seed)"))
                #expect(!Self.pad(best, other).0.lexicographicallyPrecedes(Self.pad(best, other).1), "seed \(seed), \(mechanism)")
            }
        }
    }

    @Test("rank_maximal reaches the optimum found by trying every assignment (up to 8 attendees, 4 workshops)")
    func rankMaximalIsOptimal() {
        let small = RandomAllocation(slots: 1...1, workshopsPerSlot: 1...4, seats: 0...3, attendees: 0...8)
        for seed in Self.seeds {
            let input = small.make(seed: seed)
            for slot in input.slots {
                let placements = Allocator.allocate(input, mechanism: .rankMaximal).filter { $0.slot == slot }
                let (found, optimum) = Self.pad(Self.signature(placements), BruteForceAllocation.bestSignature(input, slot: slot))
                #expect(found == optimum, "seed \(seed): \(found) instead of \(optimum)")
            }
        }
    }

    @Test("the same inputs and seed give the same outcome; another seed draws another order")
    func reproducible() {
        let input = RandomAllocation(attendees: 30...40).make(seed: 7)
        for mechanism in AllocationMechanism.allCases {
            #expect(
                Allocator.allocate(input, mechanism: mechanism, seed: "abc")
                    == Allocator.allocate(input, mechanism: mechanism, seed: "abc"))
        }
        let ids = input.attendees.map(\.id)
        #expect(LotteryDraw(seed: "abc").order(of: ids) != LotteryDraw(seed: "abd").order(of: ids))
        #expect(input.digest == RandomAllocation(attendees: 30...40).make(seed: 7).digest)
        #expect(input.digest != RandomAllocation(attendees: 30...40).make(seed: 8).digest)
    }

    @Test("a lottery ticket is the SHA-256 of SEED:ID that sha256sum prints")
    func ticketIsReplayable() {
        let id = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
        #expect(
            LotteryDraw(seed: "seed-1").ticket(for: id)
                == "e8ca32872d025b697b2f13e02e2acac7ec0735079dfd262431337ad1bebe813f")
        #expect(LotteryDraw.newSeed().count == 32)
    }

    @Test(
        "explanations: a serial mechanism's missed choice was full before the attendee's turn; rank_maximal's would cost the others at least as much as the attendee gains"
    )
    func explanations() {
        for seed in Self.seeds {
            let input = RandomAllocation().make(seed: seed)
            for mechanism in [AllocationMechanism.priority, .lottery] {
                for placement in Allocator.allocate(input, mechanism: mechanism, seed: "e\(seed)") {
                    let turn = placement.explanation.turn!
                    #expect(
                        placement.explanation.missed.count == (placement.rank ?? Self.rankingLength(placement, input) + 1) - 1)
                    for missed in placement.explanation.missed {
                        #expect(missed.hadNoSeat || missed.filledAtTurn! < turn, "seed \(seed), \(mechanism)")
                    }
                }
            }
            for placement in Allocator.allocate(input, mechanism: .rankMaximal) {
                let length = Self.rankingLength(placement, input)
                for missed in placement.explanation.missed where !missed.hadNoSeat {
                    // The attendee's own gain plus the others' change must not improve the signature.
                    var total = Array(repeating: 0, count: length + 1)
                    total[missed.rank - 1] += 1
                    if let rank = placement.rank { total[rank - 1] -= 1 } else { total[length] -= 1 }
                    let cost = missed.costToOthers ?? []
                    #expect(!cost.isEmpty, "seed \(seed): a missed choice with no cost")
                    for change in cost {
                        let index = change.rank.map { $0 - 1 } ?? length
                        if index < total.count { total[index] += change.change } else { total.append(change.change) }
                    }
                    let leading = total.first { $0 != 0 } ?? 0
                    #expect(leading <= 0, "seed \(seed): giving a missed choice would have improved the outcome: \(total)")
                }
            }
        }
    }

    // MARK: - Checks

    static func violations(_ placements: [AllocationPlacement], input: AllocationInput) -> [String] {
        var problems: [String] = []
        let seats = Dictionary(uniqueKeysWithValues: input.workshops.map { ($0.id, $0) })
        var filled: [UUID: Int] = [:]
        var seen = Set<String>()
        for placement in placements {
            if !seen.insert("\(placement.attendee) \(placement.slot)").inserted { problems.append("two placements in one slot") }
            guard let workshop = placement.workshop else { continue }
            filled[workshop, default: 0] += 1
            if seats[workshop]?.slot != placement.slot { problems.append("a workshop of another slot") }
            let ranking = input.attendees.first { $0.id == placement.attendee }!.rankings[placement.slot]!
            if ranking.firstIndex(of: workshop).map({ $0 + 1 }) != placement.rank { problems.append("a wrong rank") }
        }
        for (workshop, count) in filled where count > (seats[workshop]!.seats ?? .max) {
            problems.append("capacity exceeded: \(count) > \(seats[workshop]!.seats!)")
        }
        let expected = input.attendees.reduce(0) { $0 + $1.rankings.values.filter { !$0.isEmpty }.count }
        if placements.count != expected { problems.append("\(placements.count) placements for \(expected) rankings") }
        for placement in placements {
            let ranking = input.attendees.first { $0.id == placement.attendee }!.rankings[placement.slot]!
            for better in ranking.prefix((placement.rank ?? ranking.count + 1) - 1) {
                let capacity = seats[better]!.seats ?? .max
                if filled[better, default: 0] < capacity { problems.append("waste: a free seat in a better choice") }
            }
        }
        return problems
    }

    static func signature(_ placements: [AllocationPlacement]) -> [Int] {
        var counts: [Int] = []
        for rank in placements.compactMap(\.rank) {
            while counts.count < rank { counts.append(0) }
            counts[rank - 1] += 1
        }
        return counts
    }

    static func pad(_ a: [Int], _ b: [Int]) -> ([Int], [Int]) {
        let length = max(a.count, b.count)
        return (a + Array(repeating: 0, count: length - a.count), b + Array(repeating: 0, count: length - b.count))
    }

    static func rankingLength(_ placement: AllocationPlacement, _ input: AllocationInput) -> Int {
        input.attendees.first { $0.id == placement.attendee }!.rankings[placement.slot]!.count
    }
}
