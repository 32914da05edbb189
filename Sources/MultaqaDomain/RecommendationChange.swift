import Foundation

/// One entry of a recommendation's history: who moved it, when, from what to what.
public struct RecommendationChange: Equatable, Sendable {
    public let from: Recommendation.Status?
    public let to: Recommendation.Status
    public let progress: Int?
    public let note: String?
    public let actor: String
    public let at: Date

    public init(from: Recommendation.Status?, to: Recommendation.Status, progress: Int?, note: String?, actor: String, at: Date) {
        self.from = from
        self.to = to
        self.progress = progress
        self.note = note
        self.actor = actor
        self.at = at
    }
}
