import Foundation

/// How an attendee takes part: in the room or on the online platform.
public enum AttendanceMode: String, CaseIterable, Sendable {
    case inPerson = "in_person", online

    /// The modes an event's format allows.
    public static func allowed(by format: Event.Format) -> [AttendanceMode] {
        switch format {
        case .inPerson: [.inPerson]
        case .virtual: [.online]
        case .hybrid: [.inPerson, .online]
        }
    }
}
