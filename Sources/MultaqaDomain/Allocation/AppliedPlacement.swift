import Foundation

/// A placement of an applied allocation, as its attendee reads it: what they got in one slot, by
/// which mechanism, and why.
public struct AppliedPlacement: Equatable, Sendable {
    public var mechanism: AllocationMechanism
    public var appliedAt: Date
    public var placement: AllocationPlacement

    public init(mechanism: AllocationMechanism, appliedAt: Date, placement: AllocationPlacement) {
        self.mechanism = mechanism
        self.appliedAt = appliedAt
        self.placement = placement
    }
}
