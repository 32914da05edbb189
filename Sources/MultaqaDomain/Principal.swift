import Foundation

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
