import Foundation
import MultaqaMail
import MultaqaStore
import NIOPosix

/// Submits mail to the relay through msmtp (Debian's `msmtp`): a small, well-kept SMTP client
/// that already speaks STARTTLS, TLS and authentication. One program run per message, on NIO's
/// thread pool so that no request waits for it, and at a lower CPU priority (`nice`): mail can
/// wait a moment, an attendee registering should not.
public struct MsmtpTransport: MailTransport {
    let executable: String
    /// `nice`, when the system has it.
    let nice: String?
    let configuration: String

    /// Writes msmtp's configuration (it holds the password) into `directory`, readable by this
    /// user only, as msmtp requires.
    public init(relay: SMTPRelay, from: String, directory: URL) throws {
        guard let executable = SystemCommand.find("msmtp") else {
            throw MailTransportError("MULTAQA_SMTP_URL is set but msmtp is not installed (apt-get install msmtp)")
        }
        self.executable = executable
        nice = SystemCommand.find("nice")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("msmtprc").path
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        try Data(relay.msmtpConfiguration(from: from).utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        configuration = path
    }

    public func send(_ message: MailMessage, to recipient: String) async throws {
        let file = NSTemporaryDirectory() + "multaqa-mail-\(getpid())-\(UUID().uuidString).eml"
        let arguments = ["-C", configuration, "--", recipient]
        let command =
            if let nice {
                SystemCommand(nice, ["-n", "10", executable] + arguments, input: file)
            } else {
                SystemCommand(executable, arguments, input: file)
            }
        // The file is written on the pool's thread too: file I/O waits on the disk, and an event
        // loop serves requests meanwhile.
        let output = try await NIOThreadPool.singleton.runIfActive {
            _ = FileManager.default.createFile(
                atPath: file, contents: message.rendered(), attributes: [.posixPermissions: 0o600])
            defer { unlink(file) }
            return try command.run()
        }
        guard output.status == 0 else {
            // msmtp's own words name the relay's answer; the recipient is cut out of them.
            let said = output.text.replacingOccurrences(of: recipient, with: "<recipient>")
                .split(separator: "\n").suffix(3).joined(separator: " ")
            // sysexits 65 (bad data) and 67 (unknown user): waiting does not change the answer.
            throw MailTransportError(
                "the relay did not take the message (msmtp exit \(output.status)): \(said)",
                permanent: [65, 67].contains(output.status))
        }
    }
}
