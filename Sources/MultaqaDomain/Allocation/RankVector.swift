/// Counts per rank (index 0: first choices), with one last component for attendees left without
/// a workshop. Compared lexicographically, which is the order `rankMaximal` maximises: one more
/// first choice outweighs any number of second choices. The last component only separates moves
/// that are otherwise equal (moving somebody to a later choice beats leaving them without one).
struct RankVector: Comparable {
    private(set) var counts: [Int]

    init(length: Int) {
        counts = Array(repeating: 0, count: length)
    }

    var isPositive: Bool { counts.first { $0 != 0 }.map { $0 > 0 } ?? false }

    mutating func add(_ index: Int, _ amount: Int) {
        counts[index] += amount
    }

    func adding(_ gain: MoveGain) -> RankVector {
        var copy = self
        copy.counts[gain.plus] += 1
        if let minus = gain.minus { copy.counts[minus] -= 1 }
        return copy
    }

    static func < (lhs: RankVector, rhs: RankVector) -> Bool {
        lhs.counts.lexicographicallyPrecedes(rhs.counts)
    }
}

/// One attendee moving: one more at index `plus`, one fewer at index `minus` (none when the
/// attendee had no workshop before).
struct MoveGain {
    let plus: Int
    let minus: Int?

    /// Lexicographic order of the two sparse vectors, without building them.
    static func isBetter(_ lhs: MoveGain, than rhs: MoveGain) -> Bool {
        var indices = [lhs.plus, rhs.plus]
        if let minus = lhs.minus { indices.append(minus) }
        if let minus = rhs.minus { indices.append(minus) }
        for index in indices.sorted() {
            let left = (lhs.plus == index ? 1 : 0) - (lhs.minus == index ? 1 : 0)
            let right = (rhs.plus == index ? 1 : 0) - (rhs.minus == index ? 1 : 0)
            if left != right { return left > right }
        }
        return false
    }
}
