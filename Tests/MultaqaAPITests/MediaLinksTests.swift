import Foundation
import HTTPTypes
import MultaqaDomain
import MultaqaTestSupport
import Testing

/// Recordings and streams of a hybrid seminar while it runs: what the public sees
/// depends on the time, and the program, its feeds and its ETag follow.
@Suite("Media links")
struct MediaLinksTests {
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }

    @Test("a live stream shows while its session runs and its recording after; the feeds carry them", .isolatedDatabase)
    func windows() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let now = Date()
            let event = try await api.post(
                "/v1/events",
                #"{"slug": "seminaire-transformation-numerique", "kind": "seminar", "format": "hybrid", "title": {"ar": "ندوة حول التحول الرقمي", "fr": "Séminaire sur la transformation numérique"}, "timezone": "Africa/Casablanca", "startsAt": "\#(Self.iso(now - 7200))", "endsAt": "\#(Self.iso(now + 7200))", "venue": {"name": "ISIC"}, "online": {"platform": "YouTube"}}"#
            )
            #expect(event.status == .created, "\(event.body)")
            func session(_ title: String, _ from: TimeInterval, _ to: TimeInterval) async throws -> String {
                let created = try await api.post(
                    "/v1/events/\(event.id)/sessions",
                    #"{"kind": "panel", "title": {"ar": "\#(title)"}, "startsAt": "\#(Self.iso(now + from))", "endsAt": "\#(Self.iso(now + to))"}"#
                )
                #expect(created.status == .created, "\(created.body)")
                return created.id
            }
            let opening = try await session("الجلسة الافتتاحية", -7000, -3700)
            let panel = try await session("المائدة المستديرة", -1800, 1800)
            func link(_ body: String) async throws -> TestAPI.Reply {
                try await api.post("/v1/events/\(event.id)/links", body)
            }
            let live = try await link(
                #"{"kind": "live_stream", "url": "https://www.youtube.com/watch?v=panel-live", "sessionId": "\#(panel)", "title": {"ar": "البث المباشر"}}"#
            )
            #expect(live.status == .created, "\(live.body)")
            let endedLive = try await link(
                #"{"kind": "live_stream", "url": "https://www.youtube.com/watch?v=opening-live", "sessionId": "\#(opening)"}"#)
            let recording = try await link(
                #"{"kind": "recording", "url": "https://www.youtube.com/watch?v=opening", "sessionId": "\#(opening)", "language": "ar"}"#
            )
            let early = try await link(
                #"{"kind": "recording", "url": "https://www.youtube.com/watch?v=panel", "sessionId": "\#(panel)"}"#)
            let later = try await link(
                #"{"kind": "highlights", "url": "https://example.org/highlights", "publishedAt": "\#(Self.iso(now + 86400))"}"#)
            let eventStream = try await link(#"{"kind": "live_stream", "url": "https://example.org/stream"}"#)
            #expect(live.json["shownUntil"] as? String != nil)

            // Drafts are nobody's business; once published, the public sees what is shown now.
            #expect(try await api.anonymous().get("/v1/events/\(event.id)/links").status == .notFound)
            #expect(try await api.patch("/v1/events/\(event.id)", #"{"status": "published"}"#).status == .ok)
            let shown = Set(
                try await api.anonymous().get("/v1/events/\(event.id)/links").items.compactMap { $0["id"] as? String })
            #expect(shown == [live.id, recording.id, eventStream.id])
            #expect(try await api.get("/v1/events/\(event.id)/links").items.count == 6)
            for hidden in [endedLive, early, later] {
                #expect(try await api.anonymous().get("/v1/links/\(hidden.id)").status == .notFound)
                #expect(try await api.get("/v1/links/\(hidden.id)").status == .ok)
            }

            let program = try await api.anonymous().get("/v1/events/\(event.id)/program")
            let sessions = ((program.json["days"] as? [[String: Any]]) ?? []).flatMap { $0["sessions"] as? [[String: Any]] ?? [] }
            func links(_ id: String) -> [String] {
                (sessions.first { $0["id"] as? String == id }?["links"] as? [[String: Any]] ?? []).compactMap {
                    $0["url"] as? String
                }
            }
            #expect(links(panel) == ["https://www.youtube.com/watch?v=panel-live"])
            #expect(links(opening) == ["https://www.youtube.com/watch?v=opening"])
            #expect(
                (program.json["links"] as? [[String: Any]])?.compactMap { $0["url"] as? String } == ["https://example.org/stream"]
            )

            let calendar = try await api.anonymous().get("/v1/events/\(event.id)/program.ics")
            #expect(calendar.body.contains("URL:https://www.youtube.com/watch?v=panel-live"))
            #expect(calendar.body.contains("URL:https://www.youtube.com/watch?v=opening\r\n"))
            let schedule = try await api.anonymous().get("/v1/events/\(event.id)/schedule.xml")
            #expect(schedule.body.contains(#"<link href="https://www.youtube.com/watch?v=panel-live">البث المباشر</link>"#))
            try ScheduleXSD.validate(schedule.body)

            // Time alone changes the program: a link published a few seconds from now appears,
            // and the ETag changes with it, also for a program this instance has cached.
            let etag = try #require(program.headers[.eTag])
            let publishedAt = Date() + 4
            let soon = try await link(
                #"{"kind": "slides", "url": "https://example.org/slides.pdf", "sessionId": "\#(panel)", "publishedAt": "\#(Self.iso(publishedAt))"}"#
            )
            #expect(soon.status == .created)
            let before = try await api.anonymous().get("/v1/events/\(event.id)/program")
            // A machine too busy to ask before the link's time has nothing to check here; the
            // link's appearing afterwards is checked in any case.
            let askedInTime = Date() < publishedAt.addingTimeInterval(-1)
            if askedInTime {
                #expect(!before.body.contains("slides.pdf"))
            }
            try await Task.sleep(for: .seconds(max(0, publishedAt.timeIntervalSinceNow) + 0.5))
            let after = try await api.anonymous().get("/v1/events/\(event.id)/program")
            #expect(after.body.contains("slides.pdf"))
            #expect(after.headers[.eTag] != etag)
            if askedInTime {
                #expect(after.headers[.eTag] != before.headers[.eTag])
                let revalidated = try await api.anonymous().get(
                    "/v1/events/\(event.id)/program", headers: [.ifNoneMatch: before.headers[.eTag] ?? ""])
                #expect(revalidated.status == .ok)
            }
        }
    }

    @Test("links must be http or https, within their event; edits and removal", .isolatedDatabase)
    func validation() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await DocumentsTests.meeting(api)
            let other = try await DocumentsTests.meeting(api, slug: "other-2022")
            for url in [
                "javascript:alert(1)", "ftp://example.org/file", "https://exa mple.org", "https://", "file:///etc/passwd", "",
            ] {
                let refused = try await api.post("/v1/events/\(meeting.event)/links", #"{"kind": "recording", "url": "\#(url)"}"#)
                #expect(refused.status == .unprocessableContent, "\(url): \(refused.body)")
                #expect((refused.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "url")
            }
            let foreign = try await api.post(
                "/v1/events/\(meeting.event)/links",
                #"{"kind": "recording", "url": "https://example.org/r", "sessionId": "\#(other.closing)"}"#)
            #expect(foreign.status == .unprocessableContent, "\(foreign.body)")
            #expect(
                try await api.anonymous().post(
                    "/v1/events/\(meeting.event)/links", #"{"kind": "recording", "url": "https://example.org/r"}"#
                ).status == .unauthorized)

            let created = try await api.post(
                "/v1/events/\(meeting.event)/links",
                #"{"kind": "recording", "url": "https://example.org/r", "sessionId": "\#(meeting.closing)", "title": {"ar": "تسجيل الجلسة الختامية"}}"#
            )
            #expect(created.status == .created, "\(created.body)")
            let moved = try await api.patch(
                "/v1/links/\(created.id)", #"{"attachToEvent": true, "url": "https://example.org/full"}"#, ifMatch: "\"v1\"")
            #expect(
                moved.status == .ok && moved.json["sessionId"] == nil
                    && moved.json["url"] as? String == "https://example.org/full", "\(moved.body)")
            #expect(
                try await api.patch("/v1/links/\(created.id)", #"{"url": "https://example.org/x"}"#, ifMatch: "\"v1\"").status
                    == .preconditionFailed)
            #expect(try await api.delete("/v1/links/\(created.id)").status == .noContent)
            #expect(try await api.get("/v1/links/\(created.id)").status == .notFound)
        }
    }
}
