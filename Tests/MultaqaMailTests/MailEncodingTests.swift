import Foundation
import MultaqaReports
import Testing

@testable import MultaqaMail

@Suite("Mail encodings")
struct MailEncodingTests {
    @Test("base64 comes in CRLF-ended lines of 76 characters, as Foundation encodes and cuts them")
    func base64Lines() {
        for size in [0, 1, 2, 3, 4, 55, 56, 57, 58, 59, 113, 114, 115, 256, 1000, 4321] {
            let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            let expected = data.base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
            #expect(MIMEText.base64Lines(data) == (expected.isEmpty ? "" : expected + "\r\n"), "\(size) bytes")
            #expect(MIMEText.base64Lines(data).split(separator: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        }
    }

    @Test("a mail's Date header is RFC 5322's, in English and UTC")
    func dateHeader() {
        #expect(MIMEText.date(Date(timeIntervalSince1970: 1_796_217_845)) == "Wed, 02 Dec 2026 13:24:05 +0000")
        #expect(MIMEText.date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
    }

    @Test("HTML escaping: the five characters, in Arabic and French text alike, and a < that a combining mark follows")
    func htmlEscaping() {
        let escaping = HTMLEscaping()
        #expect(escaping.escapeText("منتدى السعيدية") == "منتدى السعيدية")
        #expect(escaping.escapeText("L'« atelier » <b>&</b> \"A\"") == "L&#39;« atelier » &lt;b&gt;&amp;&lt;/b&gt; &quot;A&quot;")
        #expect(escaping.escapeText("<\u{301}script>") == "&lt;\u{301}script&gt;")
    }

    @Test("patterns: each known {name} replaced once, values never read as patterns")
    func substitution() {
        let values = ["event": "« {position} »", "position": "12"]
        #expect(NotificationMail.substituted("{event} : n° {position}", values) == "« {position} » : n° 12")
        #expect(NotificationMail.substituted("{unknown} {event", values) == "{unknown} {event")
        #expect(NotificationMail.substituted("أنتم في المرتبة {position}", values) == "أنتم في المرتبة 12")
    }
}
