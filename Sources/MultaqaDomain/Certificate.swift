import Foundation

/// A certificate of attendance as it is verified and printed: who, which event, the days and the
/// workshops they were checked in for, read from the registration and its check-ins.
public struct Certificate: Sendable, Equatable {
    public var code: String
    public var eventID: UUID
    public var registrationID: UUID
    /// nil once the registration's personal data is erased.
    public var fullName: String?
    public var language: Language
    /// YYYY-MM-DD, in the event's time zone.
    public var days: [String]
    /// The sessions (workshops) checked in for.
    public var sessions: [UUID]
    public var issuedAt: Date
    public var revokedAt: Date?

    public init(
        code: String, eventID: UUID, registrationID: UUID, fullName: String?, language: Language, days: [String],
        sessions: [UUID], issuedAt: Date, revokedAt: Date?
    ) {
        self.code = code
        self.eventID = eventID
        self.registrationID = registrationID
        self.fullName = fullName
        self.language = language
        self.days = days
        self.sessions = sessions
        self.issuedAt = issuedAt
        self.revokedAt = revokedAt
    }

    public enum State: String, Sendable {
        case valid, revoked
        /// The holder erased their personal data: the certificate names nobody any more.
        case withdrawn
    }

    /// What checking it says: revoked by the organisers, withdrawn by its holder's erasure, or
    /// valid.
    public var state: State { revokedAt != nil ? .revoked : fullName == nil ? .withdrawn : .valid }

    /// Valid: not revoked, and the person is still named (an erased registration's certificate
    /// proves nothing about anyone).
    public var isValid: Bool { state == .valid }
}
