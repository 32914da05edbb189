import Foundation
import MultaqaAPIClient
import MultaqaTestSupport
import OpenAPIRuntime
import Testing

/// Recordings and streams of a hybrid seminar while it runs: what the public sees
/// depends on the time, and the program, its feeds and its ETag follow.
@Suite("Media links")
struct MediaLinksTests {
    struct Meeting {
        let event: String
        let closing: String
    }

    /// Seed 004's meeting, published, with its closing session.
    static func meeting(_ api: Client, slug: String = "agadir-2022") async throws -> Meeting {
        // 2022-03-25T08:00:00Z
        let opening = Date(timeIntervalSince1970: 1_648_195_200)
        func at(_ hours: Double) -> Date { opening.addingTimeInterval(hours * 3600) }
        let event = try await api.createEvent(
            body: .json(
                .init(
                    slug: slug, kind: .meeting, format: .inPerson, title: .init(ar: "لقاء تواصلي حول برنامج تحسين أداء الجماعات"),
                    timezone: "Africa/Casablanca", startsAt: at(0), endsAt: at(33), venue: .init(name: "Agadir")))
        ).created.body.json.id
        let closing = try await api.createSession(
            path: .init(eventId: event),
            body: .json(.init(kind: .closing, title: .init(ar: "الجلسة الختامية"), startsAt: at(31), endsAt: at(32.5)))
        ).created.body.json.id
        _ = try await api.updateEvent(path: .init(eventId: event), body: .json(.init(status: .published))).ok
        return Meeting(event: event, closing: closing)
    }

    static func text(_ body: HTTPBody) async throws -> String {
        String(decoding: try await Data(collecting: body, upTo: 4 << 20), as: UTF8.self)
    }

    /// Every link the program shows, the sessions' and the event's.
    static func urls(_ program: Components.Schemas.Program) -> [String] {
        (program.days.flatMap(\.sessions).flatMap { $0.links ?? [] } + (program.links ?? [])).map(\.url)
    }

    @Test("a live stream shows while its session runs and its recording after; the feeds carry them", .isolatedDatabase)
    func windows() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let anonymous = Client(app)
            let now = Date()
            let event = try await api.createEvent(
                body: .json(
                    .init(
                        slug: "seminaire-transformation-numerique", kind: .seminar, format: .hybrid,
                        title: .init(ar: "ندوة حول التحول الرقمي", fr: "Séminaire sur la transformation numérique"),
                        timezone: "Africa/Casablanca", startsAt: now - 7200, endsAt: now + 7200, venue: .init(name: "ISIC"),
                        online: .init(platform: "YouTube")))
            ).created.body.json.id
            func session(_ title: String, _ from: TimeInterval, _ to: TimeInterval) async throws -> String {
                try await api.createSession(
                    path: .init(eventId: event),
                    body: .json(.init(kind: .panel, title: .init(ar: title), startsAt: now + from, endsAt: now + to))
                ).created.body.json.id
            }
            let opening = try await session("الجلسة الافتتاحية", -7000, -3700)
            let panel = try await session("المائدة المستديرة", -1800, 1800)
            func link(_ input: Components.Schemas.MediaLinkInput) async throws -> Components.Schemas.MediaLink {
                try await api.createMediaLink(path: .init(eventId: event), body: .json(input)).created.body.json
            }
            let live = try await link(
                .init(
                    kind: .liveStream, title: .init(ar: "البث المباشر"), url: "https://www.youtube.com/watch?v=panel-live",
                    sessionId: panel))
            let endedLive = try await link(
                .init(kind: .liveStream, url: "https://www.youtube.com/watch?v=opening-live", sessionId: opening))
            let recording = try await link(
                .init(kind: .recording, url: "https://www.youtube.com/watch?v=opening", language: .ar, sessionId: opening))
            let early = try await link(.init(kind: .recording, url: "https://www.youtube.com/watch?v=panel", sessionId: panel))
            let later = try await link(.init(kind: .highlights, url: "https://example.org/highlights", publishedAt: now + 86400))
            let eventStream = try await link(.init(kind: .liveStream, url: "https://example.org/stream"))
            #expect(live.shownUntil != nil)

            // Drafts are nobody's business; once published, the public sees what is shown now.
            try expectProblem(in: try await anonymous.listMediaLinks(path: .init(eventId: event)), status: 404)
            _ = try await api.updateEvent(path: .init(eventId: event), body: .json(.init(status: .published))).ok
            let shown = Set(try await anonymous.listMediaLinks(path: .init(eventId: event)).ok.body.json.items.map(\.id))
            #expect(shown == [live.id, recording.id, eventStream.id])
            #expect(try await api.listMediaLinks(path: .init(eventId: event)).ok.body.json.items.count == 6)
            for hidden in [endedLive, early, later] {
                try expectProblem(in: try await anonymous.getMediaLink(path: .init(linkId: hidden.id)), status: 404)
                #expect(try await api.getMediaLink(path: .init(linkId: hidden.id)).ok.body.json.id == hidden.id)
            }

            let program = try await anonymous.getProgram(path: .init(eventId: event)).ok
            let sessions = try program.body.json.days.flatMap(\.sessions)
            func links(_ id: String) -> [String] {
                (sessions.first { $0.id == id }?.links ?? []).map(\.url)
            }
            #expect(links(panel) == ["https://www.youtube.com/watch?v=panel-live"])
            #expect(links(opening) == ["https://www.youtube.com/watch?v=opening"])
            #expect(try program.body.json.links?.map(\.url) == ["https://example.org/stream"])

            let calendar = try await Self.text(
                try await anonymous.getProgramCalendar(path: .init(eventId: event)).ok.body.textCalendar)
            #expect(calendar.contains("URL:https://www.youtube.com/watch?v=panel-live"))
            #expect(calendar.contains("URL:https://www.youtube.com/watch?v=opening\r\n"))
            let schedule = try await Self.text(try await anonymous.getScheduleXML(path: .init(eventId: event)).ok.body.xml)
            #expect(schedule.contains(#"<link href="https://www.youtube.com/watch?v=panel-live">البث المباشر</link>"#))
            try ScheduleXSD.validate(schedule)

            // Time alone changes the program: a link published a few seconds from now appears,
            // and the ETag changes with it, also for a program this instance has cached.
            let etag = program.headers.eTag
            let slides = "https://example.org/slides.pdf"
            let publishedAt = Date() + 4
            let soon = try await link(.init(kind: .slides, url: slides, sessionId: panel, publishedAt: publishedAt))
            #expect(soon.sessionId == panel)
            let before = try await anonymous.getProgram(path: .init(eventId: event)).ok
            // A machine too busy to ask before the link's time has nothing to check here; the
            // link's appearing afterwards is checked in any case.
            let askedInTime = Date() < publishedAt.addingTimeInterval(-1)
            if askedInTime {
                #expect(!Self.urls(try before.body.json).contains(slides))
            }
            try await Task.sleep(for: .seconds(max(0, publishedAt.timeIntervalSinceNow) + 0.5))
            let after = try await anonymous.getProgram(path: .init(eventId: event)).ok
            #expect(Self.urls(try after.body.json).contains(slides))
            #expect(after.headers.eTag != etag)
            if askedInTime {
                #expect(after.headers.eTag != before.headers.eTag)
                let revalidated = try await anonymous.getProgram(
                    path: .init(eventId: event), headers: .init(ifNoneMatch: before.headers.eTag))
                #expect(Answer.statusCode(revalidated) == 200)
            }
        }
    }

    @Test("links must be http or https, within their event; edits and removal", .isolatedDatabase)
    func validation() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let meeting = try await Self.meeting(api)
            let other = try await Self.meeting(api, slug: "other-2022")
            let links = Operations.CreateMediaLink.Input.Path(eventId: meeting.event)
            for url in [
                "javascript:alert(1)", "ftp://example.org/file", "https://exa mple.org", "https://", "file:///etc/passwd", "",
            ] {
                let refused = try await api.createMediaLink(path: links, body: .json(.init(kind: .recording, url: url)))
                let problem = try expectProblem(in: refused, status: 422)
                #expect(problem?.errors?.first?.field == "url", "\(url): \(refused)")
            }
            let foreign = try await api.createMediaLink(
                path: links, body: .json(.init(kind: .recording, url: "https://example.org/r", sessionId: other.closing)))
            try expectProblem(in: foreign, status: 422)
            try expectProblem(
                in: try await Client(app).createMediaLink(
                    path: links, body: .json(.init(kind: .recording, url: "https://example.org/r"))),
                status: 401)

            let created = try await api.createMediaLink(
                path: links,
                body: .json(
                    .init(
                        kind: .recording, title: .init(ar: "تسجيل الجلسة الختامية"), url: "https://example.org/r",
                        sessionId: meeting.closing))
            ).created.body.json
            let moved = try await api.updateMediaLink(
                path: .init(linkId: created.id), headers: .init(ifMatch: #""v1""#),
                body: .json(.init(url: "https://example.org/full", attachToEvent: true))
            ).ok.body.json
            #expect(moved.sessionId == nil && moved.url == "https://example.org/full", "\(moved)")
            let stale = try await api.updateMediaLink(
                path: .init(linkId: created.id), headers: .init(ifMatch: #""v1""#),
                body: .json(.init(url: "https://example.org/x")))
            try expectProblem(in: stale, status: 412)
            #expect(Answer.statusCode(try await api.deleteMediaLink(path: .init(linkId: created.id))) == 204)
            try expectProblem(in: try await api.getMediaLink(path: .init(linkId: created.id)), status: 404)
        }
    }
}
