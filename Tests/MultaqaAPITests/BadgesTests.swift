import Foundation
import MultaqaAPIClient
import MultaqaTestSupport
import OpenAPIRuntime
import Testing

/// Badges as organisers and attendees get them through the API, read back by real readers
/// (`PrintedPDF`): every QR code decoded by zbarimg, the names found by pdftotext.
@Suite("Badges through the API")
struct BadgesTests {
    typealias Input = Components.Schemas.RegistrationInput

    /// The code as shown ("ABCD-2345") as the QR code holds it and a scanner types it.
    static func scanned(_ shown: String) -> String { shown.replacingOccurrences(of: "-", with: "") }

    static func pdf(_ body: HTTPBody) async throws -> Data { try await Data(collecting: body, upTo: 50 << 20) }

    @Test(
        "organisers print the confirmed registrations' badges: every code scans, the names are there, the filters choose whose",
        .isolatedDatabase)
    func eventSheet() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 9)
            var confirmed: [String: String] = [:]
            // Nine seats: eight elected officials, one journalist, and a tenth attendee waits.
            let names = (1...8).map { "منتخب رقم \($0)" } + ["Amina Alaoui", "يوسف El Idrissi"]
            for (index, name) in names.enumerated() {
                let created = try await Client(app).createRegistration(
                    path: .init(eventId: forum.event),
                    body: .json(
                        Input(
                            fullName: name, email: "a\(index)@example.ma", category: index == 8 ? .press : .electedOfficial,
                            affiliation: index == 0 ? .init(collectivity: "MA-02") : nil, mode: .inPerson, consent: true))
                ).created.body.json.value1
                if created.status == .confirmed { confirmed[Self.scanned(created.checkInCode)] = name }
            }
            #expect(confirmed.count == 9)

            let sheet = try await api.getEventBadges(path: .init(eventId: forum.event), query: .init(layout: .a48, lang: .ar)).ok
            #expect(sheet.headers.contentDisposition.hasPrefix("attachment; filename=\"forum-"))
            let printed = try PrintedPDF(try await Self.pdf(try sheet.body.pdf), name: "badges/api-a4-8")
            // Eight to a page: nine badges, two pages.
            #expect(printed.pages.count == 2)
            #expect(try printed.qrCodes(columns: 2, rows: 4).sorted() == confirmed.keys.sorted())
            let text = try printed.text()
            for word in ["Amina", "Alaoui", "منتخب", "صحافة", "الشرق"] {
                #expect(printed.mentions(word, in: text), "\(word) is not on the badges")
            }

            let press = try await api.getEventBadges(
                path: .init(eventId: forum.event), query: .init(lang: .fr, category: .press)
            ).ok
            let one = try PrintedPDF(try await Self.pdf(try press.body.pdf), name: "badges/api-press")
            #expect(one.pages.count == 1)
            #expect(try one.qrCodes() == [try #require(confirmed.first { $0.value == "Amina Alaoui" }?.key)])
            #expect(try one.text().contains("Presse"))

            let waiting = try await api.getEventBadges(path: .init(eventId: forum.event), query: .init(status: .waitlisted)).ok
            #expect(try PrintedPDF(try await Self.pdf(try waiting.body.pdf), name: "badges/api-waitlisted").pages.count == 1)

            // Nobody cancelled: no badge to print is a refusal, not an empty PDF.
            let none = try await api.getEventBadges(path: .init(eventId: forum.event), query: .init(status: .cancelled))
            #expect(try expectProblem(in: none, status: 409)?.rule == "no_badge")
            try expectProblem(in: try await Client(app).getEventBadges(path: .init(eventId: forum.event)), status: 401)

            // Each sheet printed is recorded with its terms and head count; the refusal read nobody.
            let records = try await api.listAuditRecords(query: .init(eventId: forum.event)).ok.body.json.items
            #expect(records.map(\.action) == [.badgesExported, .badgesExported, .badgesExported, .badgesExported])
            #expect(records.map(\.people) == [0, 1, 1, 9])
            #expect(records.last?.detail.additionalProperties == ["status": "confirmed", "layout": "a4-8", "language": "ar"])
        }
    }

    @Test(
        "an attendee gets their own badge with the manage token; a waitlisted one has none, another's token sees nothing",
        .isolatedDatabase)
    func ownBadge() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 1)
            var created: [(registration: Components.Schemas.Registration, manageToken: String)] = []
            for (index, name) in ["فاطمة الزهراء بنعلي", "Karim Benjelloun"].enumerated() {
                let answer = try await Client(app).createRegistration(
                    path: .init(eventId: forum.event),
                    body: .json(
                        Input(
                            fullName: name, email: "b\(index)@example.ma", category: .electedOfficial, mode: .inPerson,
                            consent: true, language: .ar))
                ).created.body.json
                created.append((answer.value1, answer.value2.manageToken))
            }
            let (first, second) = (created[0], created[1])
            #expect(first.registration.status == .confirmed && second.registration.status == .waitlisted)

            let own = try await Client(app, token: first.manageToken).getRegistrationBadge(
                path: .init(registrationId: first.registration.id)
            ).ok
            let printed = try PrintedPDF(try await Self.pdf(try own.body.pdf), name: "badges/api-own")
            #expect(printed.pages.count == 1)
            #expect(try printed.qrCodes() == [Self.scanned(first.registration.checkInCode)])
            #expect(printed.mentions("فاطمة", in: try printed.text()))

            let waiting = try await Client(app, token: second.manageToken).getRegistrationBadge(
                path: .init(registrationId: second.registration.id))
            #expect(try expectProblem(in: waiting, status: 409)?.rule == "not_confirmed")
            let someoneElse = try await Client(app, token: second.manageToken).getRegistrationBadge(
                path: .init(registrationId: first.registration.id))
            try expectProblem(in: someoneElse, status: 404)
            // Organisers can print one badge again, for a lost one.
            _ = try await api.getRegistrationBadge(path: .init(registrationId: first.registration.id)).ok
        }
    }
}
