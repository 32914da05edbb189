import Foundation

/// Why an attendee is written to: each kind is one mail, written into the outbox in the
/// transaction of the change it announces.
public enum NotificationKind: String, CaseIterable, Sendable {
    /// Confirmed, waitlisted or pending approval: the status says which.
    case registrationReceived = "registration_received"
    case waitlistPromoted = "waitlist_promoted"
    case registrationApproved = "registration_approved"
    case registrationRejected = "registration_rejected"
    case registrationCancelled = "registration_cancelled"
    /// "Send me my link again": a fresh manage link.
    case manageLink = "manage_link"
    /// The day before the event.
    case eventReminder = "event_reminder"
    /// After the event: the certificate of attendance, with the page that verifies it and offers it.
    case certificateIssued = "certificate_issued"
    /// Workshops allocated from the rankings: what the attendee got; their page says why.
    case workshopsAllocated = "workshops_allocated"
}
