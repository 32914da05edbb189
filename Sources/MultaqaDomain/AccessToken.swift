import Foundation

/// Who may do what through the API. Roles are ordered: an admin may do what an
/// organiser may, an organiser what a rapporteur may.
public enum Role: String, CaseIterable, Comparable, Sendable {
    case rapporteur, organizer, admin

    private var rank: Int {
        switch self {
        case .rapporteur: 0
        case .organizer: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
