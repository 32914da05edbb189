import Foundation
import MultaqaDomain

/// Whether an event takes registrations from the public at this moment, and what its page says
/// about it.
public enum RegistrationState: Sendable, Equatable {
    case open(closesAt: Date)
    case notOpenYet(opensAt: Date)
    case closed
    /// The event takes no registrations (no settings, or a draft or cancelled event).
    case notOffered

    public init(event: Event, settings: RegistrationSettings?, now: Date = Date()) {
        guard let settings, event.status == .published else {
            self = event.status == .closed || event.status == .archived ? .closed : .notOffered
            return
        }
        let closes = settings.closesAt ?? event.endsAt
        if let opens = settings.opensAt, now < opens {
            self = .notOpenYet(opensAt: opens)
        } else if now >= closes {
            self = .closed
        } else {
            self = .open(closesAt: closes)
        }
    }

    public var isOpen: Bool {
        if case .open = self { return true }
        return false
    }

    func message(_ labels: PageLabels, _ format: PageFormat) -> String? {
        switch self {
        case .open: nil
        case .notOpenYet(let opens): labels["event.registrationOpensAt"] + " " + format.day(opens) + " " + format.time(opens)
        case .closed: labels["event.registrationClosed"]
        case .notOffered: nil
        }
    }
}
