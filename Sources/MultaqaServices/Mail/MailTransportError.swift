import Foundation

/// Why a transport did not take a message, in words an organiser can act on. Never holds the
/// message or its recipient.
public struct MailTransportError: Error, CustomStringConvertible {
    public let description: String
    /// Trying again cannot help (a relay that refuses the recipient for good).
    public let permanent: Bool

    public init(_ description: String, permanent: Bool = false) {
        self.description = description
        self.permanent = permanent
    }
}
