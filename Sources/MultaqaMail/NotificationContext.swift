import Foundation
import MultaqaDomain
import MultaqaReports

/// Everything one notification's mail says, read when it is sent: the registration and the event
/// as they stand then (a waitlisted attendee is told the place they have now).
public struct NotificationContext: Sendable {
    /// The outbox row: the Message-ID is made from it.
    public var outboxID: Int64
    public var kind: NotificationKind
    public var registration: Registration
    public var event: Event
    /// The workshops the attendee chose, with their rooms.
    public var workshops: [AttendeeCalendarRenderer.Workshop]
    /// The manage link, when the mail carries one (the token is in the outbox only until sent).
    public var manageURL: String?
    /// The event's organisers, where replies go; nil: the composer's own reply-to, if any.
    public var replyTo: MailAddress?
    /// The page that verifies and offers the attendee's certificate, when the mail announces one.
    public var certificateURL: String?

    public init(
        outboxID: Int64, kind: NotificationKind, registration: Registration, event: Event,
        workshops: [AttendeeCalendarRenderer.Workshop], manageURL: String?, replyTo: MailAddress? = nil,
        certificateURL: String? = nil
    ) {
        self.certificateURL = certificateURL
        self.outboxID = outboxID
        self.kind = kind
        self.registration = registration
        self.event = event
        self.workshops = workshops
        self.manageURL = manageURL
        self.replyTo = replyTo
    }

    /// The private join link, for a confirmed online attendee of an event that has one.
    public var joinURL: String? {
        guard registration.status == .confirmed, registration.mode == .online else { return nil }
        return event.online.joinURL
    }
}
