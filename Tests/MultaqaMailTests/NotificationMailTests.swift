import Foundation
import MultaqaDomain
import MultaqaMail
import MultaqaReports
import Testing

@Suite("Notification mail")
struct NotificationMailTests {
    static let event = Event(
        slug: "saidia-2026", kind: .forum, format: .hybrid,
        title: LocalizedText(ar: "منتدى السعيدية للجماعات الترابية", fr: "Forum de Saïdia des collectivités territoriales"),
        timezone: "Africa/Casablanca", startsAt: Date(timeIntervalSince1970: 1_796_000_400),
        endsAt: Date(timeIntervalSince1970: 1_796_000_400 + 32 * 3600),
        venue: .init(name: "Palais des congrès", city: "Saïdia"), online: .init(joinURL: "https://meet.example.org/saidia"),
        languages: ["ar", "fr"])

    static func registration(
        _ language: Language, status: RegistrationStatus = .confirmed, mode: AttendanceMode = .inPerson
    )
        -> Registration
    {
        Registration(
            id: UUID(), eventID: event.id, status: status, waitlistPosition: status == .waitlisted ? 3 : nil, mode: mode,
            fullName: language == .ar ? "فاطمة الزهراء بنعلي" : "Fatima Zahra Benali", email: "fz@example.ma", phone: nil,
            category: .electedOfficial, affiliation: nil, position: nil, workshops: [], checkInCode: "AB12CD34",
            consentAt: Date(), source: "self", createdAt: Date(), updatedAt: Date(), erasedAt: nil, version: 1,
            language: language)
    }

    static let composer = NotificationMail(from: MailAddress("no-reply@multaqa.example.ma", name: "ملتقى Multaqa"))

    static func compose(
        _ kind: NotificationKind, _ registration: Registration, manage: String? = "https://m.example/r/reg_x"
    ) throws -> MailMessage {
        try composer.compose(
            NotificationContext(
                outboxID: 42, kind: kind, registration: registration, event: event, workshops: [], manageURL: manage),
            now: Date(timeIntervalSince1970: 1_790_000_000))
    }

    @Test("Every octet of the message is ASCII, every line short, and the Arabic subject comes back whole")
    func arabicConfirmation() throws {
        let message = try Self.compose(.registrationReceived, Self.registration(.ar))
        let raw = message.rendered()
        #expect(raw.allSatisfy { $0 < 0x80 })
        let text = String(decoding: raw, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let long = lines.filter { $0.utf8.count > 78 }
        #expect(long.isEmpty, "lines over 78 octets: \(long)")
        #expect(message.subject == "تأكيد التسجيل: منتدى السعيدية للجماعات الترابية")
        let subject = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        var folded = String(lines[subject].dropFirst("Subject: ".count))
        var next = subject + 1
        while lines[next].hasPrefix(" ") {
            folded += lines[next]
            next += 1
        }
        let decoded = folded.split(separator: " ").map { word -> String in
            let base64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(base64)) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == message.subject)
        let eventDigits = Self.event.id.uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        #expect(text.contains("Message-ID: <multaqa.42.\(eventDigits)@multaqa.example.ma>"))
        #expect(text.contains("Auto-Submitted: auto-generated"))
        #expect(text.contains("Content-Type: multipart/alternative"))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: " ")
        #expect(unfolded.contains("Content-Type: text/calendar; charset=utf-8; method=PUBLISH; name=\"saidia-2026.ics\""))
        #expect(message.html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(message.text.contains("AB12-CD34"))
        #expect(message.text.contains("https://m.example/r/reg_x"))
    }

    @Test("The same row renders the same bytes: a message sent twice carries one Message-ID")
    func stable() throws {
        let registration = Self.registration(.fr)
        let first = try Self.compose(.registrationReceived, registration).rendered()
        let second = try Self.compose(.registrationReceived, registration).rendered()
        #expect(first == second)
    }

    @Test("A Message-ID names its row, twelve hex digits of its event and the sender's domain")
    func messageID() {
        let event = UUID(uuidString: "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9")!
        #expect(Self.composer.messageID(outboxID: 42, eventID: event) == "multaqa.42.0a1b2c3d4e5f@multaqa.example.ma")
        // The last non-empty part after an `@`, whatever the address looks like.
        for (address, domain) in [
            ("a@b@c.ma", "c.ma"), ("a@", "a"), ("plain", "plain"), ("", "multaqa.invalid"), ("@@", "multaqa.invalid"),
        ] {
            #expect(NotificationMail(from: MailAddress(address)).messageID(outboxID: 1, eventID: event).hasSuffix("@" + domain))
        }
    }

    @Test("A waitlisted attendee learns the place, gets no check-in code and no calendar yet")
    func waitlisted() throws {
        let message = try Self.compose(.registrationReceived, Self.registration(.fr, status: .waitlisted))
        #expect(message.subject == "Liste d'attente : Forum de Saïdia des collectivités territoriales")
        #expect(message.text.contains("en position 3"))
        #expect(!message.text.contains("AB12-CD34"))
        #expect(message.attachments.isEmpty)
    }

    @Test("A cancellation carries neither the manage link nor the join link")
    func cancelled() throws {
        let message = try Self.compose(
            .registrationCancelled, Self.registration(.en, status: .cancelled, mode: .online))
        #expect(message.subject == "Registration cancelled: منتدى السعيدية للجماعات الترابية")
        #expect(!message.text.contains("/r/"))
        #expect(!message.text.contains("meet.example.org"))
    }

    @Test("The join link goes to confirmed online attendees only, also in the calendar")
    func joinLink() throws {
        let online = try Self.compose(.registrationReceived, Self.registration(.fr, mode: .online))
        #expect(online.html.contains("https://meet.example.org/saidia"))
        let calendar = String(decoding: try #require(online.attachments.first).data, as: UTF8.self)
        #expect(calendar.contains("URL:https://meet.example.org/saidia"))
        let inPerson = try Self.compose(.registrationReceived, Self.registration(.fr))
        #expect(!inPerson.html.contains("meet.example.org") && !inPerson.text.contains("nil"))
        #expect(!inPerson.text.contains("Rejoindre en ligne"))
        #expect(inPerson.text.contains("Lieu\u{00A0}: Palais des congrès, Saïdia\n"))
        #expect(
            inPerson.text.contains(
                "Votre inscription à «\u{00A0}Forum de Saïdia des collectivités territoriales\u{00A0}» est confirmée."))
    }

    @Test("Mails of one shape, one after the other, each carry their own attendee's words, escaped in HTML only")
    func sameShape() throws {
        var first = Self.registration(.fr)
        first.fullName = "Fatima Zahra Benali"
        var second = Self.registration(.fr)
        second.fullName = "Ali <b>Amrani</b> & fils"
        second.checkInCode = "ZX98YW76"
        _ = try Self.compose(.registrationReceived, first)
        let message = try Self.compose(.registrationReceived, second, manage: "https://m.example/r/reg_y?a=1&b=2")
        #expect(message.html.contains("<bdi>Ali &lt;b&gt;Amrani&lt;/b&gt; &amp; fils</bdi>"))
        #expect(message.html.contains("href=\"https://m.example/r/reg_y?a=1&amp;b=2\""))
        #expect(message.text.contains("Bonjour Ali <b>Amrani</b> & fils,"))
        #expect(message.text.contains("ZX98-YW76") && message.text.contains("https://m.example/r/reg_y?a=1&b=2"))
        #expect(!message.html.contains("Fatima") && !message.text.contains("Fatima"))
        #expect(!message.html.contains("AB12-CD34") && !message.text.contains("AB12-CD34"))
    }

    @Test("An event without text in the attendee's language is named in its own first language")
    func fallback() throws {
        let message = try Self.compose(.registrationApproved, Self.registration(.en))
        #expect(message.subject == "Registration approved: منتدى السعيدية للجماعات الترابية")
    }
}
