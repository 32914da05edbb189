import Foundation

/// What a kiosk shows after a badge is scanned: welcome, or why not.
public enum ScanOutcome: Sendable, Equatable {
    case welcome(name: String?)
    /// No registration of this event has this code.
    case unknownCode
    case notConfirmed(RegistrationStatus)
    /// The same day and session already has this registration's check-in.
    case alreadyCheckedIn(name: String?)
    /// The kiosk counts for `day`, and today is another day; or the event is not on today.
    case wrongDay(day: String)
    /// The session chosen is not one of this event's sessions on the kiosk's day.
    case wrongSession

    public var isWelcome: Bool {
        if case .welcome = self { return true }
        return false
    }
}
