import Foundation

/// Runs a mechanism over an allocation's inputs. Pure: the same inputs (and, for a lottery, the
/// same seed) give the same placements.
public enum Allocator {
    public static func allocate(
        _ input: AllocationInput, mechanism: AllocationMechanism, seed: String? = nil
    ) -> [AllocationPlacement] {
        switch mechanism {
        case .priority:
            SerialDictatorship.allocate(input, order: Array(input.attendees.indices))
        case .lottery:
            SerialDictatorship.allocate(
                input, order: LotteryDraw(seed: seed ?? "").order(of: input.attendees.map(\.id)))
        case .rankMaximal:
            RankMaximalAllocation.allocate(input)
        }
    }
}
