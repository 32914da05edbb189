/// Seats of an attendance mode or a workshop as a form shows them: nil capacity is unlimited.
public struct SeatCount: Sendable, Equatable {
    public var capacity: Int?
    public var taken: Int

    public init(capacity: Int?, taken: Int) {
        self.capacity = capacity
        self.taken = taken
    }

    public var left: Int? { capacity.map { max(0, $0 - taken) } }
    public var isFull: Bool { left == 0 }
}
