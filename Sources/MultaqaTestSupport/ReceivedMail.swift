import Foundation

/// A message as the test SMTP server received it, read by Python's mail parser and, for its
/// calendar attachment, by python3-icalendar.
package struct ReceivedMail: Decodable, Sendable {
    package struct Attachment: Decodable, Sendable {
        package let filename: String?
        package let contentType: String
        package let events: [CalendarEvent]
    }

    package struct CalendarEvent: Decodable, Sendable {
        package let uid: String
        package let summary: String
        /// ISO 8601, as icalendar decoded DTSTART.
        package let start: String
        package let end: String
        package let location: String?
        package let url: String?
    }

    /// Decoded from its RFC 2047 words.
    package let subject: String
    package let from: String
    package let to: String
    package let replyTo: String?
    package let messageID: String
    package let date: String
    package let autoSubmitted: String
    package let contentLanguage: String
    package let contentType: String
    package let text: String?
    package let html: String?
    package let attachments: [Attachment]
    package let envelopeTo: [String]

    /// The manage link's token, from the plain-text part.
    package var manageToken: String? {
        guard let text, let range = text.range(of: "https://multaqa.test/r/") else { return nil }
        return String(text[range.upperBound...].prefix { !$0.isWhitespace })
    }
}
