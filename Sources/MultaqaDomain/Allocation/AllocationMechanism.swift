/// How seats in workshops are shared out among attendees who ranked them.
///
/// - `priority`: serial dictatorship in registration order. Each attendee in turn takes the best
///   workshop they ranked that still has a seat. Strategy-proof: nobody gains by misreporting.
/// - `lottery`: the same, in the order of a published draw (`LotteryDraw`). Strategy-proof and fair
///   in expectation; anyone with the seed and the inputs can replay it.
/// - `rankMaximal`: as many first choices as possible, then as many second choices, and so on.
///   The best for the group, but not strategy-proof: an attendee may gain by ranking tactically.
public enum AllocationMechanism: String, CaseIterable, Sendable {
    case priority
    case lottery
    case rankMaximal = "rank_maximal"
}
