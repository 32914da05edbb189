import Foundation
import MultaqaMail
import NIOPosix

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
        let name = String(
            decoding: message.messageID.utf8.map { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
                    byte
                default: UInt8(ascii: "_")
                }
            }, as: UTF8.self)
        let target = directory.appendingPathComponent(name + ".eml")
        // Written whole, then renamed: a reader never sees half a message. Writing and syncing
        // the file waits on the disk, so it runs on the thread pool, not on an event loop that
        // serves requests meanwhile.
        try await NIOThreadPool.singleton.runIfActive {
            try message.rendered().write(to: target, options: .atomic)
        }
    }
}
