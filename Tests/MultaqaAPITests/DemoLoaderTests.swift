import Foundation
import MultaqaAPIClient
import MultaqaDemo
import MultaqaDomain
import MultaqaStore
import MultaqaTestSupport
import Testing

/// The built-in demo: loaded through the domain and the stores, counted, idempotent.
@Suite("Demo")
struct DemoLoaderTests {
    @Test(
        "the demo loads the six meetings (five past, one upcoming) with their counts; a second load changes nothing; reset rebuilds",
        .isolatedDatabase)
    func load() async throws {
        let organizer = try await makeToken(.organizer)
        let first = try await TestDatabase.current!.withDatabase { database in try await DemoLoader(database: database).load() }
        #expect(first.eventsCreated.sorted() == DemoLoader.slugs.sorted())
        #expect(first.registrations == 350)
        #expect(first.recommendations == 12)
        try await withTestApp { app in
            let api = Client(app, token: organizer)
            let anonymous = Client(app)
            let forum = "saidia-forum-collectivites-ouvertes"
            let settings = try await api.getRegistrationSettings(path: .init(eventId: forum)).ok.body.json
            #expect(settings.capacities.first?.confirmed == 350)
            // The upcoming meeting takes registrations at once, in person and online.
            let upcoming = try await anonymous.getRegistrationSettings(path: .init(eventId: "rencontre-reseau-demo")).ok.body.json
            #expect(upcoming.isOpen && upcoming.capacities.count == 2)
            let attendance = try await api.getAttendance(path: .init(eventId: forum)).ok.body.json
            let byCategory = attendance.byCategory.additionalProperties
            #expect(
                byCategory["elected_official"] == 140 && byCategory["administrative_staff"] == 130
                    && byCategory["consultative_body_member"] == 60)
            #expect(attendance.checkedInByDay.additionalProperties["2024-12-10"] == 300)
            #expect(attendance.byRegion.additionalProperties.count >= 12)
            let names = try await api.listRegistrations(path: .init(eventId: forum), query: .init(limit: 200)).ok.body.json
                .items.compactMap(\.fullName)
            #expect(names.count == 200 && names.allSatisfy { $0.contains("تجريبي") || $0.contains("fictif") })
            let program = Self.texts(
                of: try await anonymous.getProgram(path: .init(eventId: "agadir-performance-communes-2022")).ok.body.json)
            #expect(program.contains { $0.contains("خاليد سفير") } && program.contains { $0.contains("تقوية القدرات") })
            // Its recordings and highlights film; the hybrid seminar's stream has ended.
            let links = try await anonymous.listMediaLinks(path: .init(eventId: "agadir-performance-communes-2022")).ok.body
                .json.items
            #expect(Set(links.map(\.kind)) == [.recording, .highlights] && links.count == 3)
            let seminar = try await anonymous.listMediaLinks(path: .init(eventId: "transformation-digitale-collectivites-2022"))
                .ok.body.json.items
            #expect(seminar.map(\.kind) == [.recording])
            // The virtual and hybrid meetings, in their series, with their public stream placeholders.
            let webinar = try await anonymous.getEvent(path: .init(eventId: "covid19-collectivites-2020")).ok.body.json
            #expect(
                webinar.format == .virtual && webinar.online?.streamUrl == "https://example.org/live/covid19-collectivites-2020")
            #expect(webinar.seriesId != nil)
            #expect(
                try await anonymous.getEvent(path: .init(eventId: "transformation-digitale-collectivites-2022")).ok.body.json
                    .format == .hybrid)
            let speakers = Self.texts(
                of: try await anonymous.getProgram(path: .init(eventId: "covid19-collectivites-2020")).ok.body.json)
            #expect(
                speakers.contains { $0.contains("سفيرة فرنسا بالمغرب") }
                    && speakers.contains { $0.contains("مساهمات التعاون اللامركزي") })
            let summary = try await anonymous.getRecommendationSummary(path: .init(eventId: "agadir-performance-communes-2022"))
                .ok.body.json
            let statuses = summary.byStatus.additionalProperties
            #expect(statuses["implemented"] == 2 && statuses["in_progress"] == 3 && statuses["adopted"] == 3)
            let all = try await api.getRecommendationSummary(path: .init(eventId: "agadir-performance-communes-2022")).ok.body
                .json
            #expect(all.total == 12)
            // The report is a page: read as text.
            let report = try await TestAPI(client: app, token: nil).get(
                "/v1/events/agadir-performance-communes-2022/reports/recommendations?format=html&lang=ar")
            #expect(report.status == .ok && report.body.contains(#"dir="rtl""#) && report.body.contains("R-01"))
        }
        let second = try await TestDatabase.current!.withDatabase { database in try await DemoLoader(database: database).load() }
        #expect(second.eventsCreated.isEmpty && second.eventsKept.count == 6 && second.registrations == 0)
        let reset = try await TestDatabase.current!.withDatabase { database in
            try await DemoLoader(database: database).load(reset: true)
        }
        #expect(reset.eventsCreated.count == 6 && reset.registrations == 350)
        let people = try await TestDatabase.current!.withDatabase { database in
            try await database.client.query("SELECT count(*) FROM people", logger: database.logger).collect().first?.decode(
                Int.self) ?? 0
        }
        // 14 speakers the reports name (one official speaks at three meetings, one expert at two),
        // 6 fictional workshop people at Agadir and 8 at Saïdia: nothing duplicated, not even by the reset.
        #expect(people == 30)
    }

    /// Every text of a programme a reader sees about its sessions and people, in every language.
    static func texts(of program: Components.Schemas.Program) -> [String] {
        func all(_ text: Components.Schemas.LocalizedText?) -> [String] {
            [text?.ar, text?.fr, text?.en].compactMap { $0 }
        }
        return program.days.flatMap(\.sessions).flatMap { session in
            all(session.title)
                + session.participants.flatMap { all($0.talkTitle) + all($0.person.fullName) + all($0.person.position) }
        }
    }
}
