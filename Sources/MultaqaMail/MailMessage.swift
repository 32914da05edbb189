import Foundation

/// One mail as it is handed to the relay: a plain-text and an HTML version of the same words
/// (`multipart/alternative`), and attachments beside them (`multipart/mixed`).
public struct MailMessage: Equatable, Sendable {
    public struct Attachment: Equatable, Sendable {
        public var filename: String
        /// With its parameters: `text/calendar; charset=utf-8; method=PUBLISH`.
        public var contentType: String
        public var data: Data

        public init(filename: String, contentType: String, data: Data) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public var from: MailAddress
    public var to: MailAddress
    public var replyTo: MailAddress?
    public var subject: String
    /// Stable for one outbox row, so that a receiver drops the copy of a message sent twice.
    public var messageID: String
    public var date: Date
    /// `ar`, `fr` or `en`.
    public var language: String
    public var text: String
    public var html: String
    public var attachments: [Attachment]

    public init(
        from: MailAddress, to: MailAddress, replyTo: MailAddress? = nil, subject: String, messageID: String, date: Date,
        language: String, text: String, html: String, attachments: [Attachment] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.date = date
        self.language = language
        self.text = text
        self.html = html
        self.attachments = attachments
    }

    /// The message in RFC 5322 form, lines ended by CRLF, every octet ASCII: bodies in base64,
    /// headers in RFC 2047 words where they are not plain.
    public func rendered() -> Data {
        // Boundaries start with "=_", which base64 never writes, and are derived from the
        // Message-ID: the same row renders the same bytes.
        let seed = String(
            messageID.unicodeScalars.filter { scalar in
                // ASCII, as Message-IDs are, decided without consulting a CharacterSet.
                scalar.isASCII
                    ? (0x30...0x39).contains(scalar.value) || (0x41...0x5A).contains(scalar.value)
                        || (0x61...0x7A).contains(scalar.value)
                    : CharacterSet.alphanumerics.contains(scalar)
            }
            .prefix(24))
        let mixed = "=_mixed_" + seed
        let alternative = "=_alt_" + seed
        // Bytes: appending many small texts to a String costs more than copying their octets.
        var out: [UInt8] = []
        out.reserveCapacity(
            2048 + (text.utf8.count + html.utf8.count) * 4 / 3 + attachments.reduce(0) { $0 + $1.data.count * 4 / 3 })
        out += MIMEText.header("From", from.headerWords).utf8
        out += MIMEText.header("To", to.headerWords).utf8
        if let replyTo { out += MIMEText.header("Reply-To", replyTo.headerWords).utf8 }
        out += MIMEText.header("Subject", MIMEText.encodedWords(subject)).utf8
        out += "Date: \(MIMEText.date(date))\r\n".utf8
        out += "Message-ID: <\(messageID)>\r\n".utf8
        out += "MIME-Version: 1.0\r\n".utf8
        // RFC 3834: no vacation responder answers it, no loop starts.
        out += "Auto-Submitted: auto-generated\r\n".utf8
        out += "X-Auto-Response-Suppress: All\r\n".utf8
        out += "Content-Language: \(language)\r\n".utf8
        if attachments.isEmpty {
            appendAlternativePart(boundary: alternative, to: &out)
        } else {
            out += (MIMEText.header("Content-Type", ["multipart/mixed;", "boundary=\"\(mixed)\""]) + "\r\n").utf8
            out += "--\(mixed)\r\n".utf8
            appendAlternativePart(boundary: alternative, to: &out)
            for attachment in attachments {
                out += "--\(mixed)\r\n".utf8
                out +=
                    MIMEText.header(
                        "Content-Type",
                        (attachment.contentType + ";").split(separator: " ").map(String.init) + [
                            "name=\"\(attachment.filename)\""
                        ]
                    ).utf8
                out += "Content-Disposition: attachment; filename=\"\(attachment.filename)\"\r\n".utf8
                out += "Content-Transfer-Encoding: base64\r\n\r\n".utf8
                MIMEText.appendBase64Lines(attachment.data, to: &out)
            }
            out += "--\(mixed)--\r\n".utf8
        }
        return Data(out)
    }

    private func appendAlternativePart(boundary: String, to out: inout [UInt8]) {
        out += (MIMEText.header("Content-Type", ["multipart/alternative;", "boundary=\"\(boundary)\""]) + "\r\n").utf8
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            out += "--\(boundary)\r\n".utf8
            out += "Content-Type: \(type); charset=utf-8\r\n".utf8
            out += "Content-Transfer-Encoding: base64\r\n\r\n".utf8
            MIMEText.appendBase64Lines(Data(body.utf8), to: &out)
        }
        out += "--\(boundary)--\r\n".utf8
    }
}
