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

/// The caller a valid token stands for.
public struct Principal: Equatable, Sendable {
    public let tokenID: UUID
    public let name: String
    public let role: Role
    public let personID: UUID?

    public init(tokenID: UUID, name: String, role: Role, personID: UUID?) {
        self.tokenID = tokenID
        self.name = name
        self.role = role
        self.personID = personID
    }

    public func require(_ minimum: Role) throws(DomainError) {
        guard role >= minimum else {
            throw .forbidden(detail: "this needs the \(minimum.rawValue) role; the token has \(role.rawValue)")
        }
    }
}
