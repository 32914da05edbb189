import Foundation
import HTTPTypes
import MultaqaAPIClient
import MultaqaStore
import MultaqaTestSupport
import OpenAPIRuntime
import Testing

@Suite("Program feeds and conflicts through the API")
struct FeedsTests {
    static func at(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    static func text(_ body: HTTPBody) async throws -> String {
        String(decoding: try await Data(collecting: body, upTo: 4 << 20), as: UTF8.self)
    }

    @Test("program.ics, schedule.xml and the conflicts report of a two-day meeting", .isolatedDatabase)
    func feeds() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let anonymous = Client(app)
            let event = try await api.createEvent(
                body: .json(
                    .init(
                        slug: "agadir-2022", kind: .meeting, format: .inPerson,
                        title: .init(ar: "لقاء أكادير", fr: "Rencontre d'Agadir"), timezone: "Africa/Casablanca",
                        startsAt: try Self.at("2022-03-25T08:00:00Z"), endsAt: try Self.at("2022-03-26T18:00:00Z"),
                        venue: .init(name: "Hôtel", city: "Agadir"), languages: ["ar", "fr"]))
            ).created.body.json.id
            // The slug names the event as well as its id does.
            let meeting = "agadir-2022"
            let room = try await api.createRoom(
                path: .init(eventId: meeting),
                body: .json(
                    .init(
                        name: "Salle Atlas", capacity: 30, opensAt: try Self.at("2022-03-25T13:00:00Z"),
                        closesAt: try Self.at("2022-03-25T16:00:00Z")))
            ).created.body.json.id
            let workshop = try await api.createSession(
                path: .init(eventId: meeting),
                body: .json(
                    .init(
                        kind: .workshop, title: .init(ar: "ورشة التعاون بين الجماعات"),
                        startsAt: try Self.at("2022-03-25T14:00:00Z"), endsAt: try Self.at("2022-03-25T17:00:00Z"),
                        roomId: room, capacity: 30))
            ).created.body.json.id
            let closing = try await api.createSession(
                path: .init(eventId: meeting),
                body: .json(
                    .init(
                        kind: .closing, title: .init(ar: "الجلسة الختامية"), startsAt: try Self.at("2022-03-26T10:00:00Z"),
                        endsAt: try Self.at("2022-03-26T12:00:00Z")))
            ).created.body.json.id
            let coordinator = try await api.createPerson(body: .json(.init(fullName: .init(ar: "منسق وهمي")))).created
                .body.json.id
            for (session, role) in [(workshop, Components.Schemas.ParticipantRole.coordinator), (closing, .speaker)] {
                let put = try await api.putParticipant(
                    path: .init(eventId: meeting, sessionId: session, personId: coordinator), body: .json(.init(role: role)))
                #expect(Answer.statusCode(put) == 200, "\(put)")
            }
            // The room shrinks after the workshop was set up.
            let shrunk = try await api.updateRoom(
                path: .init(eventId: meeting, roomId: room), body: .json(.init(capacity: 20))
            ).ok.body.json
            #expect(shrunk.capacity == 20)

            let conflicts = try await api.getConflicts(path: .init(eventId: meeting)).ok.body.json.items
            #expect(Set(conflicts.map(\.kind)) == [.outsideRoomHours, .overRoomCapacity, .workshopStaff, .noRoom])
            try expectProblem(in: try await anonymous.getConflicts(path: .init(eventId: meeting)), status: 401)

            _ = try await api.updateEvent(path: .init(eventId: event), body: .json(.init(status: .published))).ok
            let calendar = try await Self.text(
                try await anonymous.getProgramCalendar(path: .init(eventId: meeting)).ok.body.textCalendar)
            #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)
            #expect(calendar.contains("SUMMARY:ورشة التعاون بين الجماعات"))
            #expect(calendar.contains("DTSTART:20220325T140000Z"))

            let schedule = try await Self.text(
                try await anonymous.getScheduleXML(path: .init(eventId: meeting), query: .init(lang: .ar)).ok.body.xml)
            #expect(schedule.contains("<title>الجلسة الختامية</title>"))
            try ScheduleXSD.validate(schedule)

            // The public feeds may be read from any web page; nothing else carries CORS headers.
            // The contract declares neither these headers nor OPTIONS, so the raw answers are read.
            let raw = TestAPI(client: app, token: nil)
            let rawCalendar = try await raw.get("/v1/events/agadir-2022/program.ics")
            #expect(rawCalendar.status == .ok)
            #expect(rawCalendar.headers[.contentType]?.hasPrefix("text/calendar") == true)
            let rawSchedule = try await raw.get("/v1/events/agadir-2022/schedule.xml?lang=ar")
            #expect(rawSchedule.status == .ok)
            #expect(rawSchedule.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(rawSchedule.headers[.accessControlAllowOrigin] == "*")
            #expect(rawCalendar.headers[.accessControlAllowOrigin] == "*")
            let preflight = try await raw.request(
                .options, "/v1/events/agadir-2022/program", headers: [.origin: "https://example.org"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "*")
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("GET") == true)
            let events = try await raw.get("/v1/events", headers: [.origin: "https://example.org"])
            #expect(events.headers[.accessControlAllowOrigin] == nil)
            #expect(try await raw.request(.options, "/v1/events").status == .methodNotAllowed)
        }
    }

    @Test("a revoked token is refused at once", .isolatedDatabase)
    func revokedToken() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let first = try await api.createOrganization(body: .json(.init(name: .init(fr: "A"), kind: .agency)))
            #expect(try first.created.body.json.name.fr == "A")
            try await TestDatabase.current!.withDatabase { database in
                let tokens = TokenStore(database: database)
                for record in try await tokens.list() { try await tokens.revoke(id: record.id) }
            }
            let second = try await api.createOrganization(body: .json(.init(name: .init(fr: "B"), kind: .agency)))
            try expectProblem(in: second, status: 401)
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
                let a = Client(first, token: token)
                let b = Client(second, token: token)
                let anonymous = Client(first)
                let event = Operations.GetProgram.Input.Path(eventId: "hybrid-2022")
                _ = try await a.createEvent(
                    body: .json(
                        .init(
                            slug: "hybrid-2022", kind: .seminar, format: .hybrid,
                            title: .init(ar: "التحول الرقمي للجماعات الترابية"),
                            timezone: "Africa/Casablanca", startsAt: try FeedsTests.at("2022-02-15T09:00:00Z"),
                            endsAt: try FeedsTests.at("2022-02-15T13:00:00Z"), venue: .init(name: "Institut"),
                            online: .init(platform: "YouTube")))
                ).created
                let session = try await a.createSession(
                    path: .init(eventId: "hybrid-2022"),
                    body: .json(
                        .init(
                            kind: .talk, title: .init(fr: "Avant"), startsAt: try FeedsTests.at("2022-02-15T09:00:00Z"),
                            endsAt: try FeedsTests.at("2022-02-15T10:00:00Z")))
                ).created.body.json.id
                _ = try await a.updateEvent(path: .init(eventId: "hybrid-2022"), body: .json(.init(status: .published))).ok

                // Instance A serves and caches the program (twice: the second from memory).
                let before = try await anonymous.getProgram(path: event).ok
                let again = try await anonymous.getProgram(path: event).ok
                #expect(try again.body.json == before.body.json && again.headers.eTag == before.headers.eTag)
                let etag = before.headers.eTag

                // The edit goes through instance B; A hears of it from PostgreSQL.
                _ = try await b.updateSession(
                    path: .init(eventId: "hybrid-2022", sessionId: session), body: .json(.init(title: .init(fr: "Après")))
                ).ok
                var after = try await anonymous.getProgram(path: event, headers: .init(ifNoneMatch: etag))
                let deadline = ContinuousClock.now + .seconds(2)
                while case .notModified = after, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                    after = try await anonymous.getProgram(path: event, headers: .init(ifNoneMatch: etag))
                }
                #expect(Answer.statusCode(after) == 200, "\(after)")
                let fresh = try after.ok
                let titles = try fresh.body.json.days.flatMap(\.sessions).map(\.title.fr)
                #expect(titles == ["Après"])
                #expect(fresh.headers.eTag != etag)
            }
        }
    }
}
