import Foundation

/// Who used personal data: an API token (by its name) or a command or janitor of the service.
public struct AuditActor: Equatable, Sendable {
    public let name: String
    public let tokenID: UUID?

    public init(name: String, tokenID: UUID? = nil) {
        self.name = name
        self.tokenID = tokenID
    }

    public init(_ principal: Principal) {
        self.init(name: principal.name, tokenID: principal.tokenID)
    }

    /// The janitor that erases personal data past its event's retention period.
    public static let retentionJanitor = AuditActor(name: "retention janitor")

    /// A command run on the server (`multaqa purge`, `multaqa export`), by the system user that ran it.
    public static func command(_ command: String) -> AuditActor {
        AuditActor(name: "multaqa \(command) (\(NSUserName()))")
    }
}
