import Foundation
import HTTPTypes
import HummingbirdTesting
import MultaqaAPIClient
import MultaqaDomain
import MultaqaPages
import MultaqaTestSupport
import Testing

/// Check-in at the door: kiosks made by organisers through the API, and the staff's page
/// (`/checkin/{slug}`) as a browser without JavaScript uses it, a scan posted as the scanner's
/// Enter posts it. The same page runs in headless Chromium in `Tests/Browser`, typed into as a
/// scanner types.
@Suite("Check-in kiosks")
struct CheckInTests {
    typealias Browser = PagesTests.Browser
    typealias Input = Components.Schemas.RegistrationInput

    /// A forum held today with `names` registered (confirmed while seats last) and a kiosk for
    /// today: its code, its page's path and the answers of the registrations.
    static func forumToday(
        _ app: any TestClientProtocol, token: String, seats: Int, names: [String]
    ) async throws -> (forum: SaidiaForum, path: String, registrations: [Components.Schemas.Registration]) {
        let api = Client(app, token: token)
        let forum = try await Fixtures.saidiaForum(using: api, inPerson: seats, today: true)
        var registrations: [Components.Schemas.Registration] = []
        for (index, name) in names.enumerated() {
            registrations.append(
                try await Client(app).createRegistration(
                    path: .init(eventId: forum.event),
                    body: .json(
                        Input(
                            fullName: name, email: "k\(index)@example.ma", category: .electedOfficial, mode: .inPerson,
                            consent: true))
                ).created.body.json.value1)
        }
        return (forum, "/checkin/" + (try await PagesTests.slug(api, forum.event)), registrations)
    }

    static func kiosk(_ api: Client, _ forum: SaidiaForum, label: String) async throws -> Components.Schemas.Kiosk {
        try await api.createKiosk(path: .init(eventId: forum.event), body: .json(.init(day: forum.day, label: label))).created
            .body.json
    }

    /// Opens the kiosk page with `code` in a fresh browser, as the staff do in the morning.
    static func unlocked(_ app: any TestClientProtocol, path: String, code: String) async throws -> Browser {
        let browser = Browser(app)
        let page = try await browser.get(path + "?lang=fr").text
        let answer = try await browser.post(
            path + "/unlock", [("csrf", PagesTests.hidden("csrf", in: page) ?? ""), ("code", code)])
        #expect(answer.status == .seeOther)
        return browser
    }

    /// One scan: the code and Enter, without the script; the answer's text and colour.
    static func scan(
        _ browser: Browser, path: String, _ code: String, session: String = ""
    ) async throws -> (
        text: String, tone: String
    ) {
        let page = try await browser.get(path + "?lang=fr").text
        let answer = try await browser.post(
            path + "/scan", [("csrf", PagesTests.hidden("csrf", in: page) ?? ""), ("session", session), ("code", code)]
        ).text
        guard let start = answer.range(of: "class=\"scan-result tone-"),
            let end = answer[start.upperBound...].firstIndex(of: "\""),
            let textStart = answer[end...].range(of: "\">"),
            let textEnd = answer[textStart.upperBound...].range(of: "</div>")
        else { throw TestFailure("no scan result in the page: \(answer.prefix(400))") }
        return (
            unescaped(String(answer[textStart.upperBound..<textEnd.lowerBound])), String(answer[start.upperBound..<end])
        )
    }

    /// Text as the browser shows it: the templates escape quotes and ampersands, and names come
    /// isolated (FSI … PDI) in their own direction.
    static func unescaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "\u{2068}", with: "")
            .replacingOccurrences(of: "\u{2069}", with: "").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("every refusal a kiosk shows has its words in each language")
    func labelsComplete() {
        for language in Language.allCases {
            let labels = PageLabels(language)
            for outcome in [ScanOutcome.unknownCode, .wrongDay(day: "2026-12-03"), .alreadyCheckedIn(name: "X"), .wrongSession]
                + RegistrationStatus.allCases.map(ScanOutcome.notConfirmed)
            {
                let (text, tone) = CheckInPage.message(outcome, session: false, labels: labels)
                #expect(!text.contains("checkin.") && !text.isEmpty && tone != "ok", "\(language) \(outcome)")
            }
        }
    }

    @Test(
        "organisers make a kiosk per day with a code shown once, list and revoke it; a day outside the event is refused",
        .isolatedDatabase)
    func kiosks() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let kiosk = try await Self.kiosk(api, forum, label: "Entrée principale")
            let code = try #require(kiosk.code)
            // Sixteen letters and digits in four groups: 80 bits.
            #expect(code.count == 19 && code.split(separator: "-").count == 4)
            #expect(kiosk.day == forum.day && kiosk.url?.hasPrefix("/checkin/forum-") == true)
            let listed = try await api.listKiosks(path: .init(eventId: forum.event)).ok.body.json.items
            #expect(listed.map(\.id) == [kiosk.id] && listed[0].code == nil)

            let outside = try await api.createKiosk(
                path: .init(eventId: forum.event), body: .json(.init(day: "2020-01-01", label: "Porte")))
            #expect(try expectProblem(in: outside, status: 422)?.errors?.first?.field == "day")
            try expectProblem(
                in: try await Client(app).createKiosk(
                    path: .init(eventId: forum.event), body: .json(.init(day: forum.day, label: "Porte"))), status: 401)

            _ = try await api.revokeKiosk(path: .init(kioskId: kiosk.id)).noContent
            let revoked = try await api.listKiosks(path: .init(eventId: forum.event)).ok.body.json.items
            #expect(revoked.first?.revokedAt != nil)
        }
    }

    @Test(
        "a kiosk scans: welcome, already checked in today, unknown, not confirmed; a workshop counts apart; a revoked kiosk stops",
        .isolatedDatabase)
    func scanning() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let (forum, path, registrations) = try await Self.forumToday(
                app, token: token, seats: 2, names: ["فاطمة الزهراء بنعلي", "Amina Alaoui", "Karim Benjelloun"])
            #expect(registrations.map(\.status) == [.confirmed, .confirmed, .waitlisted])
            let kiosk = try await Self.kiosk(api, forum, label: "Entrée")

            // A wrong code opens nothing, and the page says so.
            let stranger = Browser(app)
            let page = try await stranger.get(path + "?lang=fr").text
            #expect(page.contains("id=\"kiosk-code\"") && !page.contains("scan-form"))
            let refused = try await stranger.post(
                path + "/unlock", [("csrf", PagesTests.hidden("csrf", in: page) ?? ""), ("code", "2222-3333-4444-5555")])
            #expect(refused.status == .forbidden && Self.unescaped(refused.text).contains("n'ouvre pas"))

            let door = try await Self.unlocked(app, path: path, code: try #require(kiosk.code).lowercased())
            let first = registrations[0].checkInCode
            #expect(try await Self.scan(door, path: path, first) == ("Bienvenue فاطمة الزهراء بنعلي", "ok"))
            #expect(
                try await Self.scan(door, path: path, first) == ("فاطمة الزهراء بنعلي : déjà enregistré(e) aujourd'hui", "warn"))
            // The scanner types the code without its dash, as the QR code holds it.
            let second = registrations[1].checkInCode.replacingOccurrences(of: "-", with: "")
            #expect(try await Self.scan(door, path: path, second).tone == "ok")
            #expect(try await Self.scan(door, path: path, "ZZZZ-ZZZZ") == ("Code inconnu pour cette rencontre", "bad"))
            #expect(try await Self.scan(door, path: path, "not a code").tone == "bad")
            #expect(
                try await Self.scan(door, path: path, registrations[2].checkInCode)
                    == ("Non confirmé(e) : sur liste d'attente", "bad"))
            // A workshop's attendance is its own: the same badge is welcome there once.
            #expect(try await Self.scan(door, path: path, first, session: forum.workshops[0]).tone == "ok")
            #expect(
                try await Self.scan(door, path: path, first, session: forum.workshops[0]).text.contains("à cette séance"))
            // A session that is not one of this day's is refused before anything is stored.
            #expect(
                try await Self.scan(door, path: path, second, session: UUID().uuidString)
                    == ("Cette séance n'est pas au programme de ce jour", "bad"))

            let attendance = try await api.getAttendance(path: .init(eventId: forum.event)).ok.body.json
            #expect(attendance.checkedInByDay.additionalProperties[forum.day] == 2)

            // Revoked at noon: the kiosk's next scan is refused and asks for a code again.
            _ = try await api.revokeKiosk(path: .init(kioskId: kiosk.id)).noContent
            let after = try await door.get(path + "?lang=fr").text
            #expect(after.contains("id=\"kiosk-code\"") && !after.contains("scan-form"))

            // An organiser's token opens the page too: it makes a kiosk for the day, and only that
            // kiosk's code enters the browser.
            let organiser = try await Self.unlocked(app, path: path, code: token)
            #expect(organiser.cookies["mlq_k"].map { !$0.contains("mlq_") && $0.count == 16 } == true)
            #expect(try await Self.scan(organiser, path: path, first).tone == "warn")
            let kiosks = try await api.listKiosks(path: .init(eventId: forum.event)).ok.body.json.items
            #expect(kiosks.count == 2 && kiosks.contains { $0.revokedAt == nil && $0.day == forum.day })
        }
    }

    @Test("a kiosk made for another day of the event says so at each scan", .isolatedDatabase)
    func wrongDay() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let path = "/checkin/" + (try await PagesTests.slug(api, forum.event))
            let kiosk = try await Self.kiosk(api, forum, label: "Demain")
            let door = try await Self.unlocked(app, path: path, code: try #require(kiosk.code))
            let answer = try await Self.scan(door, path: path, "ABCD-2345")
            #expect(answer.tone == "bad" && answer.text.contains(forum.day))
        }
    }

    @Test(
        "two kiosks scanning the same badge at the same moment: one welcomes, the other says already checked in",
        .isolatedDatabase)
    func race() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let names = (1...6).map { "Participant \($0)" }
            let (forum, path, registrations) = try await Self.forumToday(app, token: token, seats: 10, names: names)
            let left = try await Self.unlocked(
                app, path: path, code: try #require(try await Self.kiosk(api, forum, label: "A").code))
            let right = try await Self.unlocked(
                app, path: path, code: try #require(try await Self.kiosk(api, forum, label: "B").code))
            for registration in registrations {
                async let one = Self.scan(left, path: path, registration.checkInCode)
                async let other = Self.scan(right, path: path, registration.checkInCode)
                let tones = [try await one.tone, try await other.tone].sorted()
                #expect(tones == ["ok", "warn"], "\(registration.fullName ?? "")")
            }
            let attendance = try await api.getAttendance(path: .init(eventId: forum.event)).ok.body.json
            #expect(attendance.checkedInByDay.additionalProperties[forum.day] == registrations.count)
        }
    }
}
