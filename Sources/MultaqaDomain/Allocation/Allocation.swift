import Foundation

/// A stored proposal: a mechanism's placements over the inputs that hashed to `inputsDigest`,
/// applied at most once.
public struct Allocation: Equatable, Sendable {
    public var id: UUID
    public var eventID: UUID
    public var mechanism: AllocationMechanism
    /// The lottery's seed, published so that anyone can replay the draw.
    public var seed: String?
    public var inputsDigest: String
    public var statistics: AllocationStatistics
    public var createdAt: Date
    public var appliedAt: Date?

    public init(
        id: UUID, eventID: UUID, mechanism: AllocationMechanism, seed: String?, inputsDigest: String,
        statistics: AllocationStatistics, createdAt: Date, appliedAt: Date?
    ) {
        self.id = id
        self.eventID = eventID
        self.mechanism = mechanism
        self.seed = seed
        self.inputsDigest = inputsDigest
        self.statistics = statistics
        self.createdAt = createdAt
        self.appliedAt = appliedAt
    }
}
