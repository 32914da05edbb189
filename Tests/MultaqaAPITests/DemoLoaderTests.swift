import Foundation
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
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let settings = try await api.get("/v1/events/saidia-forum-collectivites-ouvertes/registration-settings")
            #expect((settings.json["capacities"] as? [[String: Any]])?.first?["confirmed"] as? Int == 350)
            // The upcoming meeting takes registrations at once, in person and online.
            let upcoming = try await api.anonymous().get("/v1/events/rencontre-reseau-demo/registration-settings")
            #expect(upcoming.json["isOpen"] as? Bool == true && (upcoming.json["capacities"] as? [Any])?.count == 2)
            let attendance = try await api.get("/v1/events/saidia-forum-collectivites-ouvertes/attendance")
            let byCategory = attendance.json["byCategory"] as? [String: Int] ?? [:]
            #expect(
                byCategory["elected_official"] == 140 && byCategory["administrative_staff"] == 130
                    && byCategory["consultative_body_member"] == 60)
            #expect((attendance.json["checkedInByDay"] as? [String: Int])?["2024-12-10"] == 300)
            #expect((attendance.json["byRegion"] as? [String: Int])?.count ?? 0 >= 12)
            let names = try await api.get("/v1/events/saidia-forum-collectivites-ouvertes/registrations?limit=200").items
                .compactMap { $0["fullName"] as? String }
            #expect(names.allSatisfy { $0.contains("تجريبي") || $0.contains("fictif") })
            let program = try await api.anonymous().get("/v1/events/agadir-performance-communes-2022/program")
            #expect(program.status == .ok && program.body.contains("خاليد سفير") && program.body.contains("تقوية القدرات"))
            // Its recordings and highlights film; the hybrid seminar's stream has ended.
            let links = try await api.anonymous().get("/v1/events/agadir-performance-communes-2022/links").items
            #expect(Set(links.compactMap { $0["kind"] as? String }) == ["recording", "highlights"] && links.count == 3)
            let seminar = try await api.anonymous().get("/v1/events/transformation-digitale-collectivites-2022/links").items
            #expect(seminar.compactMap { $0["kind"] as? String } == ["recording"])
            // The virtual and hybrid meetings, in their series, with their public stream placeholders.
            let webinar = try await api.anonymous().get("/v1/events/covid19-collectivites-2020")
            #expect(
                webinar.json["format"] as? String == "virtual"
                    && (webinar.json["online"] as? [String: Any])?["streamUrl"] as? String
                        == "https://example.org/live/covid19-collectivites-2020"
            )
            #expect(webinar.json["seriesId"] != nil)
            #expect(
                (try await api.anonymous().get("/v1/events/transformation-digitale-collectivites-2022").json["format"] as? String)
                    == "hybrid")
            let speakers = try await api.anonymous().get("/v1/events/covid19-collectivites-2020/program")
            #expect(speakers.body.contains("سفيرة فرنسا بالمغرب") && speakers.body.contains("مساهمات التعاون اللامركزي"))
            let summary = try await api.anonymous().get("/v1/events/agadir-performance-communes-2022/recommendations/summary")
            let statuses = summary.json["byStatus"] as? [String: Int] ?? [:]
            #expect(statuses["implemented"] == 2 && statuses["in_progress"] == 3 && statuses["adopted"] == 3)
            let all = try await api.get("/v1/events/agadir-performance-communes-2022/recommendations/summary")
            #expect(all.json["total"] as? Int == 12)
            let report = try await api.anonymous().get(
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
}
