import Foundation

/// As many first choices as possible, then as many second choices, and so on: a maximum-gain flow
/// where placing an attendee on their r-th choice gains the unit vector of rank r, and gains are
/// compared lexicographically (`RankVector`). Successive longest augmenting paths, each one found
/// by Bellman-Ford over the slot's workshops: attendees with the same ranking are one node with a
/// supply (a popular slot has thousands of attendees but rarely more than a few hundred distinct
/// rankings), and a path moves some of them from one workshop to another until it ends in a free
/// seat. It stops when no path gains, which is optimal because the best gain of a path never
/// grows from one augmentation to the next.
///
/// Attendees with the same ranking are served in registration order: the earlier ones get the
/// better of the workshops their group was given.
struct RankMaximalAllocation {
    static func allocate(_ input: AllocationInput) -> [AllocationPlacement] {
        SlotProblem.slots(of: input).flatMap { problem in
            var solver = Solver(problem: problem, input: input)
            return solver.solve()
        }
    }

    /// One slot.
    private struct Solver {
        let problem: SlotProblem
        let input: AllocationInput
        let workshopCount: Int
        /// Ranks, plus one component for "without a workshop".
        let length: Int
        /// Distinct rankings, and the attendees (indices into `problem.attendees`) with each.
        var rankings: [[Int]] = []
        var members: [[Int]] = []
        /// rankOf[type][workshop]: 1-based rank, 0 when not ranked.
        var rankOf: [[Int]] = []
        var waiting: [Int] = []
        var flow: [[Int]] = []
        var free: [Int]

        init(problem: SlotProblem, input: AllocationInput) {
            self.problem = problem
            self.input = input
            workshopCount = problem.workshops.count
            length = (problem.rankings.map(\.count).max() ?? 0) + 1
            free = problem.seats
            var typeOf: [[Int]: Int] = [:]
            for (local, ranking) in problem.rankings.enumerated() {
                if let type = typeOf[ranking] {
                    members[type].append(local)
                } else {
                    typeOf[ranking] = rankings.count
                    rankings.append(ranking)
                    members.append([local])
                    var ranks = Array(repeating: 0, count: workshopCount)
                    for (rank, workshop) in ranking.enumerated() { ranks[workshop] = rank + 1 }
                    rankOf.append(ranks)
                }
            }
            waiting = members.map(\.count)
            flow = Array(repeating: Array(repeating: 0, count: workshopCount), count: rankings.count)
        }

        /// The best move of one attendee (of the given type) out of workshop `from` into `to`.
        struct Edge {
            let type: Int
            let gain: MoveGain
        }

        /// For each pair of workshops, the best and second-best move between them (distinct types),
        /// so that an explanation can leave one attendee out without recomputing.
        func edges() -> [[[Edge]]] {
            var best = Array(repeating: Array(repeating: [Edge](), count: workshopCount), count: workshopCount)
            for type in rankings.indices {
                for from in rankings[type] where flow[type][from] > 0 {
                    for to in rankings[type] where to != from {
                        let edge = Edge(
                            type: type, gain: MoveGain(plus: rankOf[type][to] - 1, minus: rankOf[type][from] - 1))
                        var list = best[from][to]
                        list.append(edge)
                        list.sort { MoveGain.isBetter($0.gain, than: $1.gain) }
                        best[from][to] = Array(list.prefix(2))
                    }
                }
            }
            return best
        }

        /// Longest paths from the given starting gains over the move edges; `excluded` leaves one
        /// attendee of that type out of that workshop.
        func longestPaths(
            from start: [RankVector?], edges: [[[Edge]]], excluded: (type: Int, workshop: Int)? = nil
        ) -> (distance: [RankVector?], previous: [(workshop: Int, type: Int)?]) {
            var distance = start
            var previous = Array(repeating: (workshop: Int, type: Int)?.none, count: workshopCount)
            for _ in 0..<workshopCount {
                var changed = false
                for from in 0..<workshopCount {
                    guard let base = distance[from] else { continue }
                    for to in 0..<workshopCount where to != from {
                        guard let edge = usable(edges[from][to], from: from, excluded: excluded) else { continue }
                        let candidate = base.adding(edge.gain)
                        if distance[to].map({ $0 < candidate }) ?? true {
                            distance[to] = candidate
                            previous[to] = (from, edge.type)
                            changed = true
                        }
                    }
                }
                if !changed { break }
            }
            return (distance, previous)
        }

        func usable(_ candidates: [Edge], from: Int, excluded: (type: Int, workshop: Int)?) -> Edge? {
            candidates.first { edge in
                guard let excluded, excluded.type == edge.type, excluded.workshop == from else { return true }
                return flow[edge.type][from] > 1
            }
        }

        mutating func solve() -> [AllocationPlacement] {
            while augment() {}
            return placements()
        }

        /// One augmenting path; false when none gains.
        mutating func augment() -> Bool {
            var start = Array(repeating: RankVector?.none, count: workshopCount)
            var starter = Array(repeating: -1, count: workshopCount)
            for type in rankings.indices where waiting[type] > 0 {
                for workshop in rankings[type] {
                    let candidate = RankVector(length: length).adding(MoveGain(plus: rankOf[type][workshop] - 1, minus: nil))
                    if start[workshop].map({ $0 < candidate }) ?? true {
                        start[workshop] = candidate
                        starter[workshop] = type
                    }
                }
            }
            let edges = edges()
            let (distance, previous) = longestPaths(from: start, edges: edges)
            var end: Int?
            for workshop in 0..<workshopCount where free[workshop] > 0 {
                guard let gain = distance[workshop], gain.isPositive else { continue }
                if end.map({ distance[$0]! < gain }) ?? true { end = workshop }
            }
            guard let end else { return false }
            var moves: [(type: Int, from: Int, to: Int)] = []
            var node = end
            var visited = Set<Int>()
            while let step = previous[node] {
                precondition(visited.insert(node).inserted, "an augmenting path never visits a workshop twice")
                moves.append((step.type, step.workshop, node))
                node = step.workshop
            }
            let first = (type: starter[node], workshop: node)
            var amount = min(waiting[first.type], free[end])
            for move in moves { amount = min(amount, flow[move.type][move.from]) }
            precondition(amount > 0, "an augmenting path carries at least one attendee")
            waiting[first.type] -= amount
            flow[first.type][first.workshop] += amount
            for move in moves {
                flow[move.type][move.from] -= amount
                flow[move.type][move.to] += amount
            }
            free[end] -= amount
            return true
        }

        func placements() -> [AllocationPlacement] {
            let edges = edges()
            var explanations: [[Int]: AllocationExplanation] = [:]
            var result: [AllocationPlacement] = []
            for type in rankings.indices {
                // The group's workshops, best rank first, handed out in registration order.
                var handed: [Int?] = []
                for workshop in rankings[type] {
                    handed += Array(repeating: workshop, count: flow[type][workshop])
                }
                handed += Array(repeating: nil, count: waiting[type])
                for (local, workshop) in zip(members[type], handed) {
                    let key = [type, workshop ?? -1]
                    let explanation =
                        explanations[key]
                        ?? explain(type: type, workshop: workshop, edges: edges)
                    explanations[key] = explanation
                    result.append(
                        AllocationPlacement(
                            attendee: input.attendees[problem.attendees[local]].id, slot: problem.slot,
                            workshop: workshop.map { problem.workshops[$0] }, rank: workshop.map { rankOf[type][$0] },
                            explanation: explanation))
                }
            }
            let order = Dictionary(uniqueKeysWithValues: problem.attendees.enumerated().map { (input.attendees[$1].id, $0) })
            return result.sorted { order[$0.attendee]! < order[$1.attendee]! }
        }

        /// For each choice ranked above the one given: the best the others could do if this
        /// attendee took it, as changes in their ranks.
        func explain(type: Int, workshop: Int?, edges: [[[Edge]]]) -> AllocationExplanation {
            let given = workshop.map { rankOf[type][$0] } ?? (rankings[type].count + 1)
            var explanation = AllocationExplanation()
            for rank in 1..<given {
                let wanted = rankings[type][rank - 1]
                guard problem.seats[wanted] > 0 else {
                    explanation.missed.append(MissedChoice(workshop: problem.workshops[wanted], rank: rank, hadNoSeat: true))
                    continue
                }
                explanation.missed.append(
                    MissedChoice(
                        workshop: problem.workshops[wanted], rank: rank,
                        costToOthers: costToOthers(taking: wanted, leaving: workshop, type: type, edges: edges)))
            }
            return explanation
        }

        /// The attendee leaves `leaving` (a seat frees there) and takes `wanted`, which is full: one
        /// of its holders must move on, along a chain that ends in a free seat or with somebody
        /// left without a workshop. The best such chain for the others.
        func costToOthers(taking wanted: Int, leaving: Int?, type: Int, edges: [[[Edge]]]) -> [RankChange] {
            var start = Array(repeating: RankVector?.none, count: workshopCount)
            start[wanted] = RankVector(length: length)
            let excluded = leaving.map { (type: type, workshop: $0) }
            let (distance, _) = longestPaths(from: start, edges: edges, excluded: excluded)
            var best: RankVector?
            for node in 0..<workshopCount {
                guard let reached = distance[node] else { continue }
                let freeSeats = free[node] + (node == leaving ? 1 : 0)
                if freeSeats > 0, node != wanted {
                    if best.map({ $0 < reached }) ?? true { best = reached }
                }
                // Somebody holding a seat here is left without a workshop: the one who loses least.
                var dropped: Int?
                for other in rankings.indices where rankOf[other][node] > 0 {
                    let holders = flow[other][node] - (excluded.map { $0.type == other && $0.workshop == node } == true ? 1 : 0)
                    guard holders > 0 else { continue }
                    dropped = max(dropped ?? 0, rankOf[other][node])
                }
                if let dropped {
                    var candidate = reached
                    candidate.add(dropped - 1, -1)
                    candidate.add(length - 1, 1)
                    if best.map({ $0 < candidate }) ?? true { best = candidate }
                }
            }
            guard let best else { return [] }
            return best.counts.enumerated().compactMap { index, change in
                change == 0 ? nil : RankChange(rank: index == length - 1 ? nil : index + 1, change: change)
            }
        }
    }
}
