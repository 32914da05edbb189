import Foundation
import MultaqaAPI
import MultaqaMail
import MultaqaServices

/// A real SMTP server on loopback for the mail tests: `Tests/Support/smtp_sink.py` (aiosmtpd under
/// Debian's Python), which demands STARTTLS and a login like a production relay, and keeps each
/// message with Python's own reading of it (`ReceivedMail`).
package final class SMTPSink: @unchecked Sendable {
    package let directory: URL
    package private(set) var port = 0
    let user = "multaqa"
    let password = "s3cret pass"
    private var process: Process?

    /// Starts a server on a free port, in a directory of its own.
    package static func start() async throws -> SMTPSink {
        let sink = SMTPSink()
        try await sink.launch(port: 0)
        return sink
    }

    private init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-smtp-\(UUID().uuidString)")
    }

    deinit {
        if let process { kill(process.processIdentifier, SIGKILL) }
    }

    /// The relay's URL as `MULTAQA_SMTP_URL` gives it, trusting the server's own certificate.
    package var url: String {
        let secret = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password
        return "smtp://\(user):\(secret)@127.0.0.1:\(port)?ca=\(directory.appendingPathComponent("cert.pem").path)"
    }

    private func launch(port: Int) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ready = directory.appendingPathComponent("ready")
        try? FileManager.default.removeItem(at: ready)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Support/smtp_sink.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            script.path, "--directory", directory.path, "--port", String(port), "--user", user, "--password", password,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: ready.path) {
            guard process.isRunning, Date() < deadline else {
                throw TestFailure("the SMTP server did not start (is python3-aiosmtpd installed?)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let text = try String(contentsOf: directory.appendingPathComponent("port"), encoding: .utf8)
        self.port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The server goes away at once, as a crashed relay does: connections to its port are
    /// refused until `restart`.
    package func stop() async throws {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        self.process = nil
    }

    /// The server comes back on the same port, keeping what it received.
    package func restart() async throws {
        try await launch(port: port)
    }

    /// Every message received so far, in the order received.
    package func received() throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map {
            try JSONDecoder().decode(ReceivedMail.self, from: Data(contentsOf: directory.appendingPathComponent($0)))
        }
    }

    /// Waits until at least `count` messages have arrived (a worker sends in the background).
    package func waitFor(_ count: Int, within seconds: Double = 120) async throws -> [ReceivedMail] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let mails = try received()
            if mails.count >= count { return mails }
            guard Date() < deadline else {
                throw TestFailure("\(mails.count) of \(count) mails arrived within \(Int(seconds)) s")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// A worker sending to this server through msmtp, retrying quickly.
    package func mailConfiguration(maximumAttempts: Int = 10) throws -> MailWorker.Configuration {
        MailWorker.Configuration(
            transport: try MsmtpTransport(
                relay: try SMTPRelay(url: url), from: "no-reply@multaqa.test",
                directory: directory.appendingPathComponent("client")),
            composer: NotificationMail(from: MailAddress("no-reply@multaqa.test", name: "ملتقى Multaqa")),
            publicURL: "https://multaqa.test",
            retry: .init(maximumAttempts: maximumAttempts, firstDelay: 0.2, longestDelay: 1),
            pollInterval: .milliseconds(100))
    }
}
