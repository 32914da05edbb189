import Foundation
import MultaqaMail

/// Where a mail goes once composed: a relay, or a directory of `.eml` files.
public protocol MailTransport: Sendable {
    /// Hands `message` over for `recipient`; throws when it was not accepted (the relay refused
    /// it, or could not be reached).
    func send(_ message: MailMessage, to recipient: String) async throws
}
