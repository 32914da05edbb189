import Foundation

/// Where a notification stands in the outbox.
public enum NotificationStatus: String, CaseIterable, Sendable {
    /// Waiting for its first or next attempt.
    case pending
    case sent
    /// Every attempt failed; an organiser may send it again.
    case failed
}
