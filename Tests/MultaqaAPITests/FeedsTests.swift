import Foundation
import HTTPTypes
import MultaqaDomain
import MultaqaStore
import MultaqaTestSupport
import Testing

@Suite("Program feeds and conflicts through the API")
struct FeedsTests {
    @Test("program.ics, schedule.xml and the conflicts report of a two-day meeting", .isolatedDatabase)
    func feeds() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let event = try await api.post(
                "/v1/events",
                #"{"slug": "agadir-2022", "kind": "meeting", "format": "in_person", "title": {"ar": "لقاء أكادير", "fr": "Rencontre d'Agadir"}, "timezone": "Africa/Casablanca", "startsAt": "2022-03-25T08:00:00Z", "endsAt": "2022-03-26T18:00:00Z", "venue": {"name": "Hôtel", "city": "Agadir"}, "languages": ["ar", "fr"]}"#
            )
            let room = try await api.post(
                "/v1/events/agadir-2022/rooms",
                #"{"name": "Salle Atlas", "capacity": 30, "opensAt": "2022-03-25T13:00:00Z", "closesAt": "2022-03-25T16:00:00Z"}"#
            )
            #expect(room.status == .created, "\(room.body)")
            let workshop = try await api.post(
                "/v1/events/agadir-2022/sessions",
                #"{"kind": "workshop", "title": {"ar": "ورشة التعاون بين الجماعات"}, "startsAt": "2022-03-25T14:00:00Z", "endsAt": "2022-03-25T17:00:00Z", "roomId": "\#(room.id)", "capacity": 30}"#
            )
            #expect(workshop.status == .created, "\(workshop.body)")
            let closing = try await api.post(
                "/v1/events/agadir-2022/sessions",
                #"{"kind": "closing", "title": {"ar": "الجلسة الختامية"}, "startsAt": "2022-03-26T10:00:00Z", "endsAt": "2022-03-26T12:00:00Z"}"#
            )
            let coordinator = try await api.post("/v1/people", #"{"fullName": {"ar": "منسق وهمي"}}"#)
            #expect(
                try await api.put(
                    "/v1/events/agadir-2022/sessions/\(workshop.id)/participants/\(coordinator.id)", #"{"role": "coordinator"}"#
                ).status == .ok)
            #expect(
                try await api.put(
                    "/v1/events/agadir-2022/sessions/\(closing.id)/participants/\(coordinator.id)", #"{"role": "speaker"}"#
                ).status == .ok)
            // The room shrinks after the workshop was set up.
            #expect(try await api.patch("/v1/events/agadir-2022/rooms/\(room.id)", #"{"capacity": 20}"#).status == .ok)

            let conflicts = try await api.get("/v1/events/agadir-2022/conflicts")
            #expect(conflicts.status == .ok)
            let kinds = Set(conflicts.items.compactMap { $0["kind"] as? String })
            #expect(kinds == ["outside_room_hours", "over_room_capacity", "workshop_staff", "no_room"])
            #expect(try await api.anonymous().get("/v1/events/agadir-2022/conflicts").status == .unauthorized)

            #expect(try await api.patch("/v1/events/\(event.id)", #"{"status": "published"}"#).status == .ok)
            let calendar = try await api.anonymous().get("/v1/events/agadir-2022/program.ics")
            #expect(calendar.status == .ok)
            #expect(calendar.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(calendar.body.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)
            #expect(calendar.body.contains("SUMMARY:ورشة التعاون بين الجماعات"))
            #expect(calendar.body.contains("DTSTART:20220325T140000Z"))

            let schedule = try await api.anonymous().get("/v1/events/agadir-2022/schedule.xml?lang=ar")
            #expect(schedule.status == .ok)
            #expect(schedule.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(schedule.body.contains("<title>الجلسة الختامية</title>"))
            try ScheduleXSD.validate(schedule.body)

            // The public feeds may be read from any web page; nothing else carries CORS headers.
            #expect(schedule.headers[.accessControlAllowOrigin] == "*")
            #expect(calendar.headers[.accessControlAllowOrigin] == "*")
            let preflight = try await api.anonymous().request(
                .options, "/v1/events/agadir-2022/program", headers: [.origin: "https://example.org"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "*")
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("GET") == true)
            let events = try await api.anonymous().get("/v1/events", headers: [.origin: "https://example.org"])
            #expect(events.headers[.accessControlAllowOrigin] == nil)
            #expect(try await api.anonymous().request(.options, "/v1/events").status == .methodNotAllowed)
        }
    }

    @Test("a revoked token is refused at once", .isolatedDatabase)
    func revokedToken() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            #expect(try await api.post("/v1/organizations", #"{"name": {"fr": "A"}, "kind": "agency"}"#).status == .created)
            try await TestDatabase.current!.withDatabase { database in
                let tokens = TokenStore(database: database)
                for record in try await tokens.list() { try await tokens.revoke(id: record.id) }
            }
            #expect(try await api.post("/v1/organizations", #"{"name": {"fr": "B"}, "kind": "agency"}"#).status == .unauthorized)
        }
    }
}

@Suite("Program cache across instances")
struct ProgramCacheTests {
    @Test("an edit through one instance changes the program another instance serves", .isolatedDatabase)
    func twoInstances() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { first in
            try await withTestApp { second in
                let a = TestAPI(client: first, token: token)
                let b = TestAPI(client: second, token: token)
                #expect(
                    try await a.post(
                        "/v1/events",
                        #"{"slug": "hybrid-2022", "kind": "seminar", "format": "hybrid", "title": {"ar": "التحول الرقمي للجماعات الترابية"}, "timezone": "Africa/Casablanca", "startsAt": "2022-02-15T09:00:00Z", "endsAt": "2022-02-15T13:00:00Z", "venue": {"name": "Institut"}, "online": {"platform": "YouTube"}}"#
                    ).status == .created)
                let session = try await a.post(
                    "/v1/events/hybrid-2022/sessions",
                    #"{"kind": "talk", "title": {"fr": "Avant"}, "startsAt": "2022-02-15T09:00:00Z", "endsAt": "2022-02-15T10:00:00Z"}"#
                )
                #expect(try await a.patch("/v1/events/hybrid-2022", #"{"status": "published"}"#).status == .ok)

                // Instance A serves and caches the program (twice: the second from memory).
                let before = try await a.anonymous().get("/v1/events/hybrid-2022/program")
                #expect(try await a.anonymous().get("/v1/events/hybrid-2022/program").body == before.body)
                let etag = try #require(before.headers[.eTag])

                // The edit goes through instance B; A hears of it from PostgreSQL.
                #expect(
                    try await b.patch("/v1/events/hybrid-2022/sessions/\(session.id)", #"{"title": {"fr": "Après"}}"#).status
                        == .ok)
                var after = try await a.anonymous().get("/v1/events/hybrid-2022/program", headers: [.ifNoneMatch: etag])
                let deadline = ContinuousClock.now + .seconds(2)
                while after.status == .notModified && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                    after = try await a.anonymous().get("/v1/events/hybrid-2022/program", headers: [.ifNoneMatch: etag])
                }
                #expect(after.status == .ok)
                #expect(after.body.contains("Après"))
                #expect(after.headers[.eTag] != etag)
            }
        }
    }
}
