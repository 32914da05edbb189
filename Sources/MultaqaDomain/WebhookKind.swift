import Foundation

/// The changes another system can subscribe to with a webhook.
public enum WebhookKind: String, CaseIterable, Sendable {
    /// A registration was made: confirmed, waitlisted or pending approval (`data.status`).
    case registrationReceived = "registration_received"
    case waitlistPromoted = "waitlist_promoted"
    case registrationApproved = "registration_approved"
    case registrationRejected = "registration_rejected"
    case registrationCancelled = "registration_cancelled"
    /// A session of the programme was created, changed or deleted (`data.change`).
    case sessionChanged = "session_changed"
    case recommendationAdopted = "recommendation_adopted"
}
