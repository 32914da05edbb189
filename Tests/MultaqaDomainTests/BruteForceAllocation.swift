import Foundation
import MultaqaDomain

/// The best rank signature of one slot, by trying every assignment: the reference `rank_maximal`
/// must reach on small instances.
enum BruteForceAllocation {
    static func bestSignature(_ input: AllocationInput, slot: Int) -> [Int] {
        let workshops = input.workshops.filter { $0.slot == slot }
        let rankings = input.attendees.compactMap { $0.rankings[slot] }.filter { !$0.isEmpty }
        var free = Dictionary(uniqueKeysWithValues: workshops.map { ($0.id, $0.seats ?? rankings.count) })
        var counts = Array(repeating: 0, count: (rankings.map(\.count).max() ?? 0))
        var best = counts
        func visit(_ index: Int) {
            if index == rankings.count {
                if best.lexicographicallyPrecedes(counts) { best = counts }
                return
            }
            visit(index + 1)
            for (rank, workshop) in rankings[index].enumerated() where free[workshop, default: 0] > 0 {
                free[workshop]! -= 1
                counts[rank] += 1
                visit(index + 1)
                counts[rank] -= 1
                free[workshop]! += 1
            }
        }
        visit(0)
        return best
    }
}
