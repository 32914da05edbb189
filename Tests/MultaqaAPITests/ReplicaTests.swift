import Foundation
import MultaqaAPI
import MultaqaAPIClient
import MultaqaStore
import MultaqaTestSupport
import OpenAPIRuntime
import Testing

/// Programmes read from a real streaming replica of the test cluster (`pg_basebackup -R` on the
/// loopback), never stale: an edit shows at once; with the replica's replay paused the edit
/// still shows (read on the primary); with the replica killed, reads still answer.
@Suite("Read replica")
struct ReplicaTests {
    /// Where the service's programme reads went so far, from `/metrics`.
    static func served(_ api: Client) async throws -> [String: Int] {
        let body = try await api.getMetrics().ok.body.textPlainVersion_0_0_4
        let text = String(decoding: try await Data(collecting: body, upTo: 4 << 20), as: UTF8.self)
        var served: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("multaqa_replica_reads_total{") {
            guard let open = line.firstIndex(of: "\""), let close = line[line.index(after: open)...].firstIndex(of: "\""),
                let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { continue }
            served[String(line[line.index(after: open)..<close])] = Int(value)
        }
        return served
    }

    /// The workshop's title as the schedule feed shows it now.
    static func feed(_ api: Client, _ event: String) async throws -> String {
        let body = try await api.getScheduleXML(path: .init(eventId: event)).ok.body.xml
        return String(decoding: try await Data(collecting: body, upTo: 4 << 20), as: UTF8.self)
    }

    @Test(
        "an edit shows at once; with replay paused it still shows, from the primary; with the replica killed, reads still answer",
        .isolatedDatabase, .enabled(if: StreamingReplica.isPossible))
    func neverStale() async throws {
        let database = try #require(TestDatabase.current)
        let replica = try await StreamingReplica.start(from: database.endpoint)
        defer { replica.remove() }
        let token = try await makeToken(.organizer)
        var configuration = AppConfiguration.forTests
        configuration.replica = replica.endpoint(database: database.name)
        let onReplica = TestDatabase(name: database.name, endpoint: replica.endpoint(database: database.name))
        try await withTestApp(configuration: configuration) { app in
            let api = Client(app, token: token)
            let meeting = try await Fixtures.agadirMeeting(using: api)
            let workshop = try #require(meeting.workshops.first)
            let path = Operations.UpdateSession.Input.Path(eventId: meeting.event, sessionId: workshop)

            // The replica catches up within moments of the fixture's writes, then serves.
            var served = try await Self.served(api)
            for _ in 0..<300 where served["replica", default: 0] == 0 {
                _ = try await Self.feed(api, meeting.event)
                served = try await Self.served(api)
                if served["replica", default: 0] == 0 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(served["replica", default: 0] > 0, "the replica never served: \(served)")

            // Edits read back at once, whichever side serves them.
            for round in 1...5 {
                let title = "ورشة التقييم \(round)"
                _ = try await api.updateSession(path: path, body: .json(.init(title: .init(ar: title)))).ok
                #expect(try await Self.feed(api, meeting.event).contains(title), "round \(round)")
            }

            // Replay paused: the replica cannot have the next edit, so it is read on the primary.
            try await onReplica.withDatabase { replica in
                _ = try await replica.client.query("SELECT pg_wal_replay_pause()", logger: replica.logger).collect()
            }
            let beforePause = try await Self.served(api)
            _ = try await api.updateSession(path: path, body: .json(.init(title: .init(ar: "ورشة أثناء التوقف")))).ok
            #expect(try await Self.feed(api, meeting.event).contains("ورشة أثناء التوقف"))
            let paused = try await Self.served(api)
            #expect(paused["lagging", default: 0] > beforePause["lagging", default: 0])
            #expect(paused["replica", default: 0] == beforePause["replica", default: 0])
            try await onReplica.withDatabase { replica in
                _ = try await replica.client.query("SELECT pg_wal_replay_resume()", logger: replica.logger).collect()
            }

            // Killed: reads answer from the primary, the first after a failed try, the next at once.
            try replica.kill()
            _ = try await api.updateSession(path: path, body: .json(.init(title: .init(ar: "ورشة بعد التوقف")))).ok
            #expect(try await Self.feed(api, meeting.event).contains("ورشة بعد التوقف"))
            #expect(try await Self.feed(api, meeting.event).contains("ورشة بعد التوقف"))
            let down = try await Self.served(api)
            #expect(down["unavailable", default: 0] >= 2)
        }
    }
}
