import Foundation
import MultaqaMail

/// Without a relay, each mail becomes an `.eml` file in a directory (`.multaqa/mail/` by
/// default): what would be sent, to open in any mail program.
public struct MailDirectoryTransport: MailTransport {
    public let directory: URL

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    public func send(_ message: MailMessage, to recipient: String) async throws {
        // Named by the Message-ID: a message sent twice is one file.
        let name = String(message.messageID.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
        let target = directory.appendingPathComponent(name + ".eml")
        // Written whole, then renamed: a reader never sees half a message.
        try message.rendered().write(to: target, options: .atomic)
    }
}
