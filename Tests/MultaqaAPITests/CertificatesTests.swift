import Foundation
import MultaqaAPI
import MultaqaAPIClient
import MultaqaTestSupport
import OpenAPIRuntime
import Testing

/// Certificates of attendance through the API, after the Agadir meeting (seed 004, March 2022):
/// only those checked in get one, issuing twice makes no second code, anyone verifies a code, a
/// revoked one says so; the PDF read back by real readers (its QR code holds the verification
/// address, its text the name, the days and the workshops).
@Suite("Certificates of attendance")
struct CertificatesTests {
    typealias Input = Components.Schemas.RegistrationInput

    /// The meeting with its organiser and a partner, and three attendees registered by the
    /// organisers: the first checked in both days and at a workshop, the second on the first day,
    /// the third never.
    static func meeting(
        _ api: Client
    ) async throws -> (
        meeting: AgadirMeeting, attendees: [Components.Schemas.Registration], manageTokens: [String]
    ) {
        let meeting = try await Fixtures.agadirMeeting(using: api)
        let directorate = try await api.createOrganization(
            body: .json(
                .init(
                    name: .init(
                        ar: "المديرية العامة للجماعات الترابية", fr: "Direction générale des collectivités territoriales"),
                    acronym: "DGCT", kind: .ministry, country: "ma"))
        ).created.body.json.id
        let partner = try await api.createOrganization(
            body: .json(.init(name: .init(ar: "الوكالة الألمانية للتعاون الدولي", fr: "GIZ"), kind: .agency, country: "de"))
        ).created.body.json.id
        _ = try await api.putPartner(
            path: .init(eventId: meeting.event, organizationId: directorate), body: .json(.init(role: .organizer))
        ).ok
        _ = try await api.putPartner(
            path: .init(eventId: meeting.event, organizationId: partner), body: .json(.init(role: .funder))
        )
        .ok
        _ = try await api.putRegistrationSettings(
            path: .init(eventId: meeting.event), body: .json(.init(capacities: [.init(mode: .inPerson, capacity: 100)]))
        ).ok
        var attendees: [Components.Schemas.Registration] = []
        var manageTokens: [String] = []
        for (index, (name, language)) in [
            ("عبد الرحيم الإدريسي", Components.Schemas.Language.ar), ("Nadia Benali", .fr), ("Youssef Amrani", .fr),
        ].enumerated() {
            let answer = try await api.createRegistration(
                path: .init(eventId: meeting.event),
                body: .json(
                    Input(
                        fullName: name, email: "c\(index)@example.ma", category: .electedOfficial, mode: .inPerson,
                        consent: true, language: language))
            ).created.body.json
            attendees.append(answer.value1)
            manageTokens.append(answer.value2.manageToken)
        }
        for (attendee, day, session) in [
            (0, "2022-03-25", nil), (0, "2022-03-26", nil), (0, "2022-03-25", meeting.workshops[0]), (1, "2022-03-25", nil),
        ] as [(Int, String, String?)] {
            _ = try await api.createCheckIn(
                path: .init(eventId: meeting.event),
                body: .json(.init(code: attendees[attendee].checkInCode, day: day, sessionId: session))
            ).created
        }
        return (meeting, attendees, manageTokens)
    }

    @Test(
        "only those checked in get a certificate, issuing twice makes no second code, anyone verifies one; revoked and unknown say so",
        .isolatedDatabase)
    func issueAndVerify() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let (meeting, attendees, _) = try await Self.meeting(api)
            let first = try await api.issueCertificates(path: .init(eventId: meeting.event)).ok.body.json
            #expect(first.issued == 2 && first.total == 2)
            let again = try await api.issueCertificates(path: .init(eventId: meeting.event)).ok.body.json
            #expect(again.issued == 0 && again.total == 2)
            let list = try await api.listCertificates(path: .init(eventId: meeting.event)).ok.body.json.items
            #expect(Set(list.map(\.registrationId)) == Set(attendees.prefix(2).map(\.id)))
            let codes = Dictionary(uniqueKeysWithValues: list.map { ($0.registrationId, $0.code) })
            #expect(
                try await api.listCertificates(path: .init(eventId: meeting.event)).ok.body.json.items.map(\.code).sorted()
                    == codes.values.sorted())
            // Twenty characters of five bits: 100 bits, in five groups.
            #expect(codes.values.allSatisfy { $0.count == 24 && $0.split(separator: "-").count == 5 })

            let code = try #require(codes[attendees[0].id])
            let valid = try await Client(app).verifyCertificate(path: .init(code: code.lowercased())).ok.body.json
            #expect(valid.status == .valid && valid.fullName == "عبد الرحيم الإدريسي")
            #expect(valid.daysAttended == ["2022-03-25", "2022-03-26"])
            #expect(valid.event.title.fr?.isEmpty == false)

            _ = try await api.revokeCertificate(path: .init(code: try #require(codes[attendees[1].id]))).noContent
            let revoked = try await Client(app).verifyCertificate(path: .init(code: try #require(codes[attendees[1].id]))).ok
                .body.json
            #expect(revoked.status == .revoked && revoked.fullName == nil && revoked.daysAttended == nil)
            try expectProblem(
                in: try await Client(app).verifyCertificate(path: .init(code: "2222-3333-4444-5555-6666")), status: 404)
            try expectProblem(in: try await Client(app).issueCertificates(path: .init(eventId: meeting.event)), status: 401)
        }
    }

    @Test("certificates wait for the event's end", .isolatedDatabase)
    func notBeforeTheEnd() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let refused = try await api.issueCertificates(path: .init(eventId: forum.event))
            #expect(try expectProblem(in: refused, status: 409)?.rule == "event_not_over")
        }
    }

    @Test(
        "the attendee's certificate: Arabic and French side by side, the QR code holds the verification address, the text names the days and workshop",
        .isolatedDatabase)
    func printed() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let (meeting, attendees, _) = try await Self.meeting(api)
            _ = try await api.issueCertificates(path: .init(eventId: meeting.event)).ok
            let code = try #require(
                try await api.listCertificates(path: .init(eventId: meeting.event)).ok.body.json.items.first {
                    $0.registrationId == attendees[0].id
                }?.code)
            let pdf = try await api.getRegistrationCertificate(
                path: .init(registrationId: attendees[0].id), query: .init(lang: .arFr)
            ).ok
            let printed = try PrintedPDF(
                try await Data(collecting: try pdf.body.pdf, upTo: 10 << 20), name: "certificates/bilingual")
            #expect(printed.pages.count == 1)
            let compact = code.replacingOccurrences(of: "-", with: "")
            // The tests run without MULTAQA_PUBLIC_URL: the instance's own address.
            #expect(try printed.qrCodes() == ["http://127.0.0.1:8080/c/\(compact)"])
            let text = try printed.text()
            for word in ["الإدريسي", "Attestation", "شهادة", "GIZ", code, "25"] {
                #expect(printed.mentions(word, in: text), "\(word) is not on the certificate")
            }
            // In French alone, for the second attendee, with her manage token... as organisers see it.
            let french = try await api.getRegistrationCertificate(path: .init(registrationId: attendees[1].id)).ok
            let alone = try PrintedPDF(
                try await Data(collecting: try french.body.pdf, upTo: 10 << 20), name: "certificates/french")
            #expect(try alone.text().contains("Nadia Benali") && !(try alone.text().contains("شهادة")))
            // Nobody checked in the third: no certificate.
            try expectProblem(
                in: try await api.getRegistrationCertificate(path: .init(registrationId: attendees[2].id)), status: 404)
        }
    }

    @Test(
        "each new certificate is mailed in its holder's language with the page that verifies it; that page offers the PDF, and says when it is revoked",
        .isolatedDatabase)
    func mailedAndVerifiedOnAPage() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        var configuration = AppConfiguration.forTests
        configuration.mail = try sink.mailConfiguration()
        // As in production: the mail's links and what the service prints start with one address.
        configuration.publicURL = "https://multaqa.test"
        try await withTestApp(configuration: configuration) { app in
            let api = Client(app, token: token)
            let (meeting, _, manageTokens) = try await Self.meeting(api)
            // The registrations' own confirmations first, then the certificates' mail.
            _ = try await sink.waitFor(3)
            _ = try await api.issueCertificates(path: .init(eventId: meeting.event)).ok
            let mails = try await sink.waitFor(5).suffix(2)
            let arabic = try #require(mails.first { $0.envelopeTo == ["c0@example.ma"] })
            #expect(arabic.subject.hasPrefix("شهادة حضوركم") && arabic.contentLanguage == "ar")
            #expect(mails.contains { $0.envelopeTo == ["c1@example.ma"] && $0.subject.hasPrefix("Votre attestation") })
            let text = try #require(arabic.text)
            let start = try #require(text.range(of: "https://multaqa.test/c/"))
            let link = text[start.lowerBound...].prefix { !$0.isWhitespace }
            let path = String(link.dropFirst("https://multaqa.test".count))
            #expect(!text.contains("رمز الدخول"))

            let browser = PagesTests.Browser(app)
            let page = try await browser.get(path + "?lang=fr")
            #expect(page.status == .ok && page.text.contains("tone-ok") && page.text.contains("عبد الرحيم الإدريسي"))
            #expect(page.text.contains("25 mars 2022"))
            let download = try await browser.get(path + "/certificate.pdf?lang=ar%2Bfr")
            #expect(download.status == .ok && download.headers[.contentType] == "application/pdf")
            let printed = try PrintedPDF(Data(download.body.readableBytesView), name: "certificates/from-page")
            #expect(try printed.qrCodes() == ["https://multaqa.test" + path])

            // The holder's manage page links to it.
            let own = PagesTests.Browser(app)
            let opened = try await own.get("/r/\(manageTokens[0])")
            let manage = try await own.get(try #require(opened.headers[.location]))
            #expect(manage.text.contains("id=\"certificate\" href=\"\(path)\""))

            let code = String(path.dropFirst(3))
            _ = try await api.revokeCertificate(path: .init(code: code)).noContent
            let revoked = try await browser.get(path + "?lang=fr")
            #expect(revoked.status == .ok && revoked.text.contains("tone-bad") && !revoked.text.contains("عبد الرحيم"))
            #expect(try await browser.get(path + "/certificate.pdf").status == .notFound)
            #expect(try await browser.get("/c/2222333344445555666677").status == .notFound)
        }
    }

    @Test(
        "checking codes is limited per client even with a made-up token, and so are PDFs made on demand, even for organisers",
        .isolatedDatabase)
    func limited() async throws {
        let token = try await makeToken(.organizer)
        // Two a minute: a burst of one, then 429.
        try await withTestApp(configuration: AppConfiguration(publicWritesPerMinute: 2)) { app in
            let forged = Client(app, token: "mlq_" + String(repeating: "x", count: 40))
            var statuses: [Int] = []
            for _ in 0..<2 {
                let answer = try await forged.verifyCertificate(path: .init(code: "2222-3333-4444-5555-6666"))
                statuses.append(Answer.problem(answer)?.0 ?? 200)
            }
            #expect(statuses == [404, 429])
        }
        // A fresh instance: its own buckets.
        try await withTestApp(configuration: AppConfiguration(publicWritesPerMinute: 2)) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            var sheets: [Int] = []
            for _ in 0..<2 {
                sheets.append(Answer.problem(try await api.getEventBadges(path: .init(eventId: forum.event)))?.0 ?? 200)
            }
            // Nobody registered: the first is refused for that, the second before anything is read.
            #expect(sheets == [409, 429])
        }
    }
}
