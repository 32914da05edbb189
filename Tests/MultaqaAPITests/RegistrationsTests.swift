import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MultaqaAPI
import MultaqaDomain
import MultaqaReports
import MultaqaStore
import MultaqaTestSupport
import Testing

/// Registration as attendees and organisers use it.
@Suite("Registrations")
struct RegistrationsTests {
    struct Forum {
        let id: String
        let workshops: [String]
    }

    /// A hybrid two-day forum in Saïdia, published, with three workshops: two at the same time.
    static func setUpForum(
        _ api: TestAPI, inPerson: Int? = 350, online: Int? = nil, workshopCapacity: Int = 40, settings extra: String = ""
    ) async throws -> Forum {
        let start = Date().addingTimeInterval(30 * 86400)
        let day = ISO8601DateFormatter().string(from: start).prefix(10)
        let event = try await api.post(
            "/v1/events",
            #"""
            {"slug": "forum-\#(UUID().uuidString.prefix(8).lowercased())", "kind": "forum", "format": "hybrid",
             "title": {"ar": "المنتدى البرلماني للجهات", "fr": "Forum des régions"},
             "timezone": "Africa/Casablanca", "startsAt": "\#(day)T08:00:00Z", "endsAt": "\#(day)T17:00:00Z",
             "venue": {"name": "Palais des congrès", "city": "Saïdia"}, "online": {"platform": "Zoom", "joinUrl": "https://example.org/join/forum"}}
            """#)
        #expect(event.status == .created, "\(event.body)")
        var workshops: [String] = []
        for (title, start, end) in [
            ("ورشة التمويل", "10:00", "12:00"), ("Atelier numérique", "10:00", "12:00"), ("Atelier RH", "13:00", "15:00"),
        ] {
            let session = try await api.post(
                "/v1/events/\(event.id)/sessions",
                #"{"kind": "workshop", "title": {"fr": "\#(title)"}, "startsAt": "\#(day)T\#(start):00Z", "endsAt": "\#(day)T\#(end):00Z", "capacity": \#(workshopCapacity)}"#
            )
            #expect(session.status == .created, "\(session.body)")
            workshops.append(session.id)
        }
        var capacities: [String] = []
        if let inPerson {
            capacities.append(#"{"mode": "in_person", "capacity": \#(inPerson)}"#)
        } else {
            capacities.append(#"{"mode": "in_person"}"#)
        }
        if let online { capacities.append(#"{"mode": "online", "capacity": \#(online)}"#) }
        let put = try await api.put(
            "/v1/events/\(event.id)/registration-settings", #"{"capacities": [\#(capacities.joined(separator: ","))]\#(extra)}"#)
        #expect(put.status == .ok, "\(put.body)")
        #expect(try await api.patch("/v1/events/\(event.id)", #"{"status": "published"}"#).status == .ok)
        return Forum(id: event.id, workshops: workshops)
    }

    static func body(
        _ n: Int, mode: String = "in_person", workshops: [String] = [], category: String = "elected_official",
        extra: String = ""
    ) -> String {
        let list = workshops.map { "\"\($0)\"" }.joined(separator: ",")
        return
            #"{"fullName": "مشارك تجريبي \#(n)", "email": "Attendee\#(n)@Example.org ", "category": "\#(category)", "mode": "\#(mode)", "workshops": [\#(list)], "consent": true\#(extra)}"#
    }

    static func organizer() async throws -> String { try await makeToken(.organizer) }

    @Test(
        "registering answers 201 with a status, a check-in code and a manage token; Arabic names come back intact",
        .isolatedDatabase)
    func register() async throws {
        let token = try await Self.organizer()
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api)
            let name = "السيدة فاطمة الزهراء بنعلي"
            let reply = try await api.anonymous().post(
                "/v1/events/\(forum.id)/registrations",
                #"{"fullName": "\#(name)", "email": " Fatima@Example.ORG", "category": "elected_official", "mode": "in_person", "affiliation": {"collectivity": "ma-04"}, "position": "رئيسة جماعة", "workshops": ["\#(forum.workshops[0])", "\#(forum.workshops[2])"], "consent": true}"#
            )
            #expect(reply.status == .created, "\(reply.body)")
            #expect(reply.json["status"] as? String == "confirmed")
            #expect(reply.json["fullName"] as? String == name)
            #expect(reply.json["email"] as? String == "fatima@example.org")
            let code = reply.json["checkInCode"] as? String ?? ""
            #expect(code.count == 9 && code.dropFirst(4).first == "-")
            #expect(!code.contains("O") && !code.contains("I") && !code.contains("0") && !code.contains("1"))
            let manage = reply.json["manageToken"] as? String ?? ""
            #expect(manage.hasPrefix("reg_"))
            #expect(reply.headers[.location] == "/v1/registrations/\(reply.id)")
            let own = try await TestAPI(client: client, token: manage).get("/v1/registrations/\(reply.id)")
            #expect(own.status == .ok)
            #expect(own.json["fullName"] as? String == name)
            #expect((own.json["workshops"] as? [String])?.count == 2)
            #expect(own.json["manageToken"] == nil)
            let settings = try await api.anonymous().get("/v1/events/\(forum.id)/registration-settings")
            #expect(settings.status == .ok)
            let seats = (settings.json["capacities"] as? [[String: Any]])?.first
            #expect(seats?["confirmed"] as? Int == 1)
            #expect(seats?["available"] as? Int == 349)
        }
    }

    @Test("every 4xx names its rule and stores nothing", .isolatedDatabase)
    func refusals() async throws {
        let token = try await Self.organizer()
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api, settings: #", "waitlist": false, "requiredFields": ["position"]"#)
            let public_ = api.anonymous()
            let url = "/v1/events/\(forum.id)/registrations"
            func refused(_ json: String, _ status: HTTPResponse.Status, _ needle: String) async throws {
                let reply = try await public_.post(url, json)
                #expect(reply.status == status, "\(json) → \(reply.body)")
                #expect(reply.body.contains(needle), "\(reply.body) should name \(needle)")
                #expect(reply.headers[.contentType] == "application/problem+json")
            }
            let position = #", "position": "Élu""#
            try await refused(
                Self.body(1, extra: position).replacingOccurrences(of: #""consent": true"#, with: #""consent": false"#),
                .unprocessableContent, "consent")
            try await refused(Self.body(1), .unprocessableContent, "position")
            try await refused(Self.body(1, mode: "online", extra: position), .unprocessableContent, "online")
            try await refused(
                Self.body(1, workshops: [forum.workshops[0], forum.workshops[1]], extra: position), .conflict, "workshops_overlap"
            )
            try await refused(Self.body(1, workshops: [UUID().uuidString], extra: position), .unprocessableContent, "workshops")
            try await refused(
                Self.body(1, extra: position + #", "affiliation": {"collectivity": "XX-99"}"#), .unprocessableContent,
                "affiliation.collectivity")
            try await refused(
                #"{"fullName": "A\u0000B", "email": "a@example.org", "category": "citizen", "mode": "in_person", "consent": true}"#,
                .unprocessableContent, "fullName")
            try await refused(
                #"{"fullName": "Ali", "email": "not-an-email", "category": "citizen", "mode": "in_person", "consent": true}"#,
                .unprocessableContent, "email")
            // Duplicate email, trimmed and case-insensitive: 409 that says how to manage it.
            #expect(try await public_.post(url, Self.body(1, extra: position)).status == .created)
            try await refused(
                Self.body(1, extra: position).replacingOccurrences(of: "Attendee1@Example.org ", with: "attendee1@example.ORG"),
                .conflict, "manage")
            let list = try await api.get("/v1/events/\(forum.id)/registrations")
            #expect(list.items.count == 1)
            // Closed window.
            let closed = try await api.put(
                "/v1/events/\(forum.id)/registration-settings",
                #"{"capacities": [{"mode": "in_person", "capacity": 350}], "closesAt": "2001-01-01T00:00:00Z"}"#)
            #expect(closed.status == .ok, "\(closed.body)")
            try await refused(Self.body(2, extra: position), .conflict, "registration_closed")
            // A draft event does not exist for the public.
            let draft = try await api.post(
                "/v1/events",
                #"{"slug": "draft-x", "kind": "seminar", "format": "virtual", "title": {"fr": "Brouillon"}, "timezone": "UTC", "startsAt": "2030-01-01T08:00:00Z", "endsAt": "2030-01-01T10:00:00Z", "online": {"platform": "Zoom"}}"#
            )
            #expect(try await public_.post("/v1/events/\(draft.id)/registrations", Self.body(3)).status == .notFound)
        }
    }

    @Test("invite-only: a code with a number of uses", .isolatedDatabase)
    func invitations() async throws {
        let token = try await Self.organizer()
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api, settings: #", "inviteOnly": true"#)
            let invitation = try await api.post(
                "/v1/events/\(forum.id)/invitations", #"{"code": "saidia-2024", "uses": 2, "label": "Conseil régional"}"#)
            #expect(invitation.status == .created, "\(invitation.body)")
            let url = "/v1/events/\(forum.id)/registrations"
            let none = try await api.anonymous().post(url, Self.body(1))
            #expect(none.status == .conflict && none.body.contains("invitation_invalid"))
            for n in 1...2 {
                #expect(
                    try await api.anonymous().post(url, Self.body(n, extra: #", "invitationCode": "SAIDIA-2024""#)).status
                        == .created)
            }
            let usedUp = try await api.anonymous().post(url, Self.body(3, extra: #", "invitationCode": "SAIDIA-2024""#))
            #expect(usedUp.status == .conflict && usedUp.body.contains("invitation_invalid"))
            // Organisers add people by hand without a code.
            #expect(try await api.post(url, Self.body(4)).status == .created)
            let list = try await api.get("/v1/events/\(forum.id)/invitations")
            #expect(list.items.first?["used"] as? Int == 2)
        }
    }

    @Test(
        "300 simultaneous registrations through two instances never exceed per-mode and per-workshop capacities",
        .isolatedDatabase)
    func concurrentCapacity() async throws {
        let token = try await Self.organizer()
        guard let testDatabase = TestDatabase.current else { return }
        let second = Database(endpoint: testDatabase.endpoint, maximumConnections: 8, leaseTimeout: .seconds(10), logger: .quiet)
        let secondApp = try buildApplication(configuration: .forTests, database: second, logger: .quiet)
        try await withTestApp { client in
            try await secondApp.test(.router) { otherClient in
                let api = TestAPI(client: client, token: token)
                let forum = try await Self.setUpForum(api, inPerson: 40, online: 25, workshopCapacity: 15)
                let url = "/v1/events/\(forum.id)/registrations"
                let statuses = try await withThrowingTaskGroup(of: (String, String, Int).self) { group in
                    for n in 0..<300 {
                        let target = TestAPI(client: n % 2 == 0 ? client : otherClient, token: nil)
                        let mode = n % 3 == 0 ? "online" : "in_person"
                        group.addTask {
                            let reply = try await target.post(
                                url, Self.body(n, mode: mode, workshops: n % 5 == 0 ? [forum.workshops[2]] : []))
                            return (
                                mode, reply.json["status"] as? String ?? "\(reply.status.code) \(reply.body)",
                                Int(reply.status.code)
                            )
                        }
                    }
                    var all: [(String, String, Int)] = []
                    for try await result in group { all.append(result) }
                    return all
                }
                let confirmedInPerson = statuses.filter { $0.0 == "in_person" && $0.1 == "confirmed" }.count
                let confirmedOnline = statuses.filter { $0.0 == "online" && $0.1 == "confirmed" }.count
                let workshopFull = statuses.filter { $0.2 == 409 }.count
                #expect(confirmedInPerson == 40)
                #expect(confirmedOnline == 25)
                #expect(
                    statuses.allSatisfy { $0.1 == "confirmed" || $0.1 == "waitlisted" || $0.2 == 409 },
                    "\(statuses.filter { $0.2 >= 500 })")
                let seated = try await testDatabase.withDatabase { database in
                    try await database.client.query(
                        "SELECT count(*) FROM registration_workshops WHERE session_id = \(UUID(uuidString: forum.workshops[2])!) AND seated",
                        logger: database.logger
                    ).collect().first?.decode(Int.self) ?? -1
                }
                #expect(seated <= 15)
                // Requests refused because the workshop was full left nothing behind.
                let stored = try await api.get("/v1/events/\(forum.id)/attendance")
                let byStatus = stored.json["byStatus"] as? [String: Int] ?? [:]
                #expect(byStatus.values.reduce(0, +) == 300 - workshopFull)
                // Waitlist positions are 1, 2, 3 … per mode, in the order people joined.
                let waiting = try await api.get("/v1/events/\(forum.id)/registrations?status=waitlisted&mode=online&limit=200")
                let positions = waiting.items.compactMap { $0["waitlistPosition"] as? Int }
                #expect(positions.sorted() == Array(1...positions.count))
            }
        }
    }

    @Test(
        "a burst at a small capacity: every waitlisted answer tells the place the organisers' list shows, none twice",
        .isolatedDatabase)
    func waitlistPositionsUnderBurst() async throws {
        let token = try await Self.organizer()
        guard let testDatabase = TestDatabase.current else { return }
        let second = Database(endpoint: testDatabase.endpoint, maximumConnections: 8, leaseTimeout: .seconds(10), logger: .quiet)
        let secondApp = try buildApplication(configuration: .forTests, database: second, logger: .quiet)
        try await withTestApp { client in
            try await secondApp.test(.router) { otherClient in
                let api = TestAPI(client: client, token: token)
                let forum = try await Self.setUpForum(api, inPerson: 20)
                let url = "/v1/events/\(forum.id)/registrations"
                let answers = try await withThrowingTaskGroup(of: RegistrationAnswer.self) { group in
                    for n in 0..<300 {
                        let target = TestAPI(client: n % 2 == 0 ? client : otherClient, token: nil)
                        group.addTask { try RegistrationAnswer(try await target.post(url, Self.body(n))) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.filter { $0.status == "confirmed" }.count == 20)
                let told = answers.filter { $0.status == "waitlisted" }
                #expect(told.count == 280, "\(Dictionary(grouping: answers, by: \.status).mapValues(\.count))")
                // Read once the burst is over: nothing has moved the queue since the answers.
                var listed: [String: Int] = [:]
                var cursor: String?
                repeat {
                    let page = try await api.get("\(url)?status=waitlisted&limit=200" + (cursor.map { "&cursor=\($0)" } ?? ""))
                    for item in page.items {
                        listed[item["id"] as? String ?? ""] = item["waitlistPosition"] as? Int
                    }
                    cursor = page.json["nextCursor"] as? String
                } while cursor != nil
                #expect(listed.count == 280)
                let positions = told.compactMap(\.waitlistPosition)
                #expect(Set(positions).count == told.count, "two registrants were told the same place")
                #expect(Set(positions) == Set(1...told.count), "places told run from 1 to the length of the queue")
                let wrong = told.filter { listed[$0.id] != $0.waitlistPosition }
                #expect(wrong.isEmpty, "\(wrong.count) of \(told.count) were told another place than the list shows")
            }
        }
    }

    /// The part of a 201 answer the waitlist tests compare.
    struct RegistrationAnswer: Decodable, Sendable {
        let id: String
        let status: String
        let waitlistPosition: Int?

        init(_ reply: TestAPI.Reply) throws {
            guard reply.status == .created else {
                throw TestFailure("registration refused: \(reply.status.code) \(reply.body)")
            }
            self = try JSONDecoder().decode(Self.self, from: Data(reply.body.utf8))
        }
    }

    @Test("waitlist promotion on cancel, reject and capacity raise, recorded in the outbox", .isolatedDatabase)
    func waitlist() async throws {
        let token = try await Self.organizer()
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api, inPerson: 2, settings: #", "approvalRequired": true"#)
            let url = "/v1/events/\(forum.id)/registrations"
            var replies: [TestAPI.Reply] = []
            for n in 1...5 {
                replies.append(try await api.anonymous().post(url, Self.body(n)))
            }
            #expect(
                replies.map { $0.json["status"] as? String ?? "" } == [
                    "pending_approval", "pending_approval", "waitlisted", "waitlisted", "waitlisted",
                ])
            #expect(replies.map { $0.json["waitlistPosition"] as? Int ?? 0 } == [0, 0, 1, 2, 3])
            // Approve the first; reject the second: the first waiting person is promoted.
            #expect(
                try await api.post("/v1/registrations/\(replies[0].id)/decision", #"{"decision": "approve"}"#).json["status"]
                    as? String == "confirmed")
            #expect(
                try await api.post("/v1/registrations/\(replies[1].id)/decision", #"{"decision": "reject"}"#).json["status"]
                    as? String == "rejected")
            #expect(try await api.get("/v1/registrations/\(replies[2].id)").json["status"] as? String == "pending_approval")
            #expect(try await api.get("/v1/registrations/\(replies[3].id)").json["waitlistPosition"] as? Int == 1)
            // The attendee cancels with the manage token: the next one is promoted.
            let manage = replies[0].json["manageToken"] as? String ?? ""
            let cancelled = try await TestAPI(client: client, token: manage).delete("/v1/registrations/\(replies[0].id)")
            #expect(cancelled.status == .ok && cancelled.json["status"] as? String == "cancelled")
            #expect(try await api.get("/v1/registrations/\(replies[3].id)").json["status"] as? String == "pending_approval")
            // Raising the capacity promotes the rest at once.
            let raised = try await api.put(
                "/v1/events/\(forum.id)/registration-settings",
                #"{"capacities": [{"mode": "in_person", "capacity": 10}], "approvalRequired": true}"#)
            #expect(raised.status == .ok)
            #expect(try await api.get("/v1/registrations/\(replies[4].id)").json["status"] as? String == "pending_approval")
            // Lowering it below the seats taken is refused.
            let lowered = try await api.put(
                "/v1/events/\(forum.id)/registration-settings", #"{"capacities": [{"mode": "in_person", "capacity": 1}]}"#)
            #expect(lowered.status == .conflict && lowered.body.contains("capacity_below_taken"), "\(lowered.body)")
            let promotions = try await TestDatabase.current!.withDatabase { database in
                try await database.client.query(
                    "SELECT count(*) FROM notification_outbox WHERE kind = 'waitlist_promoted'", logger: database.logger
                ).collect().first?.decode(Int.self) ?? 0
            }
            #expect(promotions == 3)
        }
    }

    @Test("Idempotency-Key replays the first answer, errors included; another body is refused", .isolatedDatabase)
    func idempotency() async throws {
        let token = try await Self.organizer()
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api)
            let url = "/v1/events/\(forum.id)/registrations"
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "2f1c-attempt-1"]
            let first = try await api.anonymous().request(.post, url, Self.body(1), headers: key)
            #expect(first.status == .created)
            let again = try await api.anonymous().request(.post, url, Self.body(1), headers: key)
            #expect(again.status == .created)
            #expect(again.body == first.body)
            #expect(again.headers[.location] == first.headers[.location])
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let other = try await api.anonymous().request(.post, url, Self.body(2), headers: key)
            #expect(other.status == .unprocessableContent && other.body.contains("Idempotency-Key"))
            let badKey: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "bad-1"]
            let noConsent = Self.body(3).replacingOccurrences(of: #""consent": true"#, with: #""consent": false"#)
            let refused = try await api.anonymous().request(.post, url, noConsent, headers: badKey)
            let refusedAgain = try await api.anonymous().request(.post, url, noConsent, headers: badKey)
            #expect(
                refused.status.code >= 400 && refused.status == refusedAgain.status && refused.body == refusedAgain.body,
                "\(refused.body) \(refusedAgain.body)")
            #expect(try await api.get("\(url)").items.count == 1)
        }
    }

    @Test(
        "an answer lost after the registration committed is given on retry with the Idempotency-Key, not a duplicate refusal",
        .isolatedDatabase)
    func lostAnswer() async throws {
        let token = try await Self.organizer()
        // The service fails between the registration's commit and its answer, every time: only a
        // retry that does not register again can answer.
        var configuration = AppConfiguration()
        configuration.faults.afterRegistrationCommitted = { throw TestFailure("the service died before answering") }
        try await withTestApp(configuration: configuration) { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api, inPerson: 1)
            let url = "/v1/events/\(forum.id)/registrations"
            #expect(try await api.anonymous().post(url, Self.body(1)).status == .internalServerError)
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "9c41-lost-answer"]
            let lost = try await api.anonymous().request(.post, url, Self.body(2), headers: key)
            #expect(lost.status == .internalServerError, "\(lost.body)")
            let stored = try await api.get("\(url)?q=attendee2").items
            #expect(stored.count == 1, "the registration committed although its answer was lost")

            let retried = try await api.anonymous().request(.post, url, Self.body(2), headers: key)
            #expect(retried.status == .created, "\(retried.body)")
            let answer = try RegistrationAnswer(retried)
            #expect(answer.id == stored.first?["id"] as? String)
            #expect(answer.status == "waitlisted" && answer.waitlistPosition == 1)
            #expect(retried.headers[.location] == "/v1/registrations/\(answer.id)")
            #expect(retried.json["checkInCode"] as? String == stored.first?["checkInCode"] as? String)
            // The manage token in the rebuilt answer opens the registration.
            let manageToken = try #require(retried.json["manageToken"] as? String)
            let own = try await TestAPI(client: client, token: manageToken).get("/v1/registrations/\(answer.id)")
            #expect(own.status == .ok && own.json["email"] as? String == "attendee2@example.org", "\(own.body)")
            // From now on the rebuilt answer is the one kept.
            let again = try await api.anonymous().request(.post, url, Self.body(2), headers: key)
            #expect(again.status == .created && again.body == retried.body)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await api.get("\(url)?q=attendee2").items.count == 1)
        }
    }

    @Test("one attendee's token never reads or changes another's registration", .isolatedDatabase)
    func tokenIsolation() async throws {
        let token = try await Self.organizer()
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api, inPerson: 5, online: 5)
            let url = "/v1/events/\(forum.id)/registrations"
            let a = try await api.anonymous().post(url, Self.body(1))
            let b = try await api.anonymous().post(url, Self.body(2))
            let tokenA = TestAPI(client: client, token: a.json["manageToken"] as? String)
            let read = try await tokenA.get("/v1/registrations/\(b.id)")
            #expect(read.status == .notFound && !read.body.contains("Attendee2"))
            #expect(try await tokenA.patch("/v1/registrations/\(b.id)", #"{"mode": "online"}"#).status == .notFound)
            #expect(try await tokenA.delete("/v1/registrations/\(b.id)").status == .notFound)
            #expect(
                try await TestAPI(client: client, token: "reg_" + String(repeating: "x", count: 40)).get(
                    "/v1/registrations/\(a.id)"
                ).status == .notFound)
            #expect(try await api.anonymous().get("/v1/registrations/\(a.id)").status == .unauthorized)
            // The attendee changes mode and workshops, subject to capacity.
            let changed = try await tokenA.patch(
                "/v1/registrations/\(a.id)", #"{"mode": "online", "workshops": ["\#(forum.workshops[1])"]}"#)
            #expect(changed.status == .ok, "\(changed.body)")
            #expect(changed.json["mode"] as? String == "online")
            #expect(changed.json["workshops"] as? [String] == [forum.workshops[1]])
            #expect(
                try await tokenA.get("/v1/registrations/\(a.id)").json["joinUrl"] as? String == "https://example.org/join/forum")
            #expect(
                try await TestAPI(client: client, token: b.json["manageToken"] as? String).get("/v1/registrations/\(b.id)").json[
                    "joinUrl"] == nil)
            let overlap = try await tokenA.patch(
                "/v1/registrations/\(a.id)", #"{"workshops": ["\#(forum.workshops[0])", "\#(forum.workshops[1])"]}"#)
            #expect(overlap.status == .conflict)
            #expect(try await api.get("/v1/registrations/\(b.id)").json["mode"] as? String == "in_person")
            // Cancel and erase: only the anonymous fields stay.
            let erased = try await tokenA.delete("/v1/registrations/\(a.id)?erase=true")
            #expect(erased.status == .ok)
            #expect(erased.json["erased"] as? Bool == true)
            #expect(erased.json["fullName"] == nil && erased.json["email"] == nil)
            #expect(erased.json["category"] as? String == "elected_official")
        }
    }

    @Test(
        "check-in: 201 once per day and session; cancelled, waitlisted and unknown refused; attendance counts", .isolatedDatabase)
    func checkIn() async throws {
        let token = try await Self.organizer()
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api, inPerson: 2)
            let url = "/v1/events/\(forum.id)/registrations"
            let a = try await api.anonymous().post(
                url, Self.body(1, workshops: [forum.workshops[0]], extra: #", "affiliation": {"collectivity": "MA-SAL"}"#))
            let b = try await api.anonymous().post(url, Self.body(2, category: "press"))
            let c = try await api.anonymous().post(url, Self.body(3))
            #expect(c.json["status"] as? String == "waitlisted")
            let codeA = (a.json["checkInCode"] as? String ?? "").lowercased()
            let checkIns = "/v1/events/\(forum.id)/check-ins"
            let kiosk = try await api.anonymous().post(checkIns, #"{"code": "\#(codeA)"}"#)
            #expect(kiosk.status == .unprocessableContent, "today is not a day of the event: \(kiosk.body)")
            let day = try await api.get("/v1/events/\(forum.id)").json["startsAt"] as? String ?? ""
            let first = try await api.anonymous().post(checkIns, #"{"code": "\#(codeA)", "day": "\#(day.prefix(10))"}"#)
            #expect(first.status == .created, "\(first.body)")
            #expect(first.json["fullName"] == nil)
            let twice = try await api.post(checkIns, #"{"code": "\#(codeA)", "day": "\#(day.prefix(10))"}"#)
            #expect(twice.status == .conflict)
            let workshop = try await api.post(checkIns, #"{"code": "\#(codeA)", "sessionId": "\#(forum.workshops[0])"}"#)
            #expect(workshop.status == .created, "\(workshop.body)")
            #expect(workshop.json["fullName"] as? String == "مشارك تجريبي 1")
            let waitlisted = try await api.post(
                checkIns, #"{"code": "\#(c.json["checkInCode"] as? String ?? "")", "day": "\#(day.prefix(10))"}"#)
            #expect(waitlisted.status == .conflict)
            let manageB = TestAPI(client: client, token: b.json["manageToken"] as? String)
            #expect(try await manageB.delete("/v1/registrations/\(b.id)").status == .ok)
            let cancelled = try await api.post(
                checkIns, #"{"code": "\#(b.json["checkInCode"] as? String ?? "")", "day": "\#(day.prefix(10))"}"#)
            #expect(cancelled.status == .conflict)
            #expect(try await api.post(checkIns, #"{"code": "ZZZZ-ZZZZ", "day": "\#(day.prefix(10))"}"#).status == .notFound)
            let stats = try await api.get("/v1/events/\(forum.id)/attendance")
            #expect(stats.status == .ok)
            #expect((stats.json["byStatus"] as? [String: Int])?["confirmed"] == 2)
            #expect((stats.json["byStatus"] as? [String: Int])?["cancelled"] == 1)
            #expect((stats.json["byRegion"] as? [String: Int])?["MA-04"] == 1)
            #expect((stats.json["byCollectivityKind"] as? [String: Int])?["prefecture"] == 1)
            #expect((stats.json["checkedInByDay"] as? [String: Int])?[String(day.prefix(10))] == 1)
            #expect(try await api.anonymous().get("/v1/events/\(forum.id)/attendance").status == .unauthorized)
        }
    }

    @Test("the organisers' CSV keeps Arabic names and neutralises formulas; a CSV parser reads it back", .isolatedDatabase)
    func csvExport() async throws {
        let token = try await Self.organizer()
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api)
            let url = "/v1/events/\(forum.id)/registrations"
            #expect(
                try await api.anonymous().post(
                    url,
                    #"{"fullName": "عبد الرحمن، ابن \"الأطلس\"", "email": "a@example.org", "category": "researcher", "mode": "in_person", "consent": true, "affiliation": {"collectivity": "MA-AGD"}}"#
                ).status == .created)
            #expect(
                try await api.anonymous().post(
                    url,
                    #"{"fullName": "=HYPERLINK(\"x\")", "email": "b@example.org", "category": "citizen", "mode": "in_person", "consent": true}"#
                ).status == .created)
            let export = try await api.get("/v1/events/\(forum.id)/registrations.csv")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(export.body.hasPrefix("\u{FEFF}"))
            let rows = CSV.parse(export.body)
            #expect(rows.count == 3)
            let nameColumn = rows[0].firstIndex(of: "full_name")!
            #expect(rows[1][nameColumn] == "عبد الرحمن، ابن \"الأطلس\"")
            #expect(rows[2][nameColumn] == "'=HYPERLINK(\"x\")")
            #expect(rows[1][rows[0].firstIndex(of: "collectivity")!] == "عمالة أكادير إداوتنان")
            #expect(try await api.anonymous().get("/v1/events/\(forum.id)/registrations.csv").status == .unauthorized)
        }
    }

    @Test("online attendance imported from a platform's participant report, matched by email", .isolatedDatabase)
    func onlineImport() async throws {
        let token = try await Self.organizer()
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await Self.setUpForum(api, online: 100)
            let url = "/v1/events/\(forum.id)/registrations"
            #expect(try await api.anonymous().post(url, Self.body(1, mode: "online")).status == .created)
            let day = (try await api.get("/v1/events/\(forum.id)").json["startsAt"] as? String ?? "").prefix(10)
            let parts = day.split(separator: "-")
            let us = "\(parts[1])/\(parts[2])/\(parts[0])"
            let report =
                "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r\nمشارك,ATTENDEE1@example.org,\(us) 09:02:13 AM,\(us) 11:30:00 AM,148\r\nGuest,guest@example.org,\(us) 09:05:00 AM,\(us) 09:30:00 AM,25\r\n"
            let reply = try await api.request(
                .post, "/v1/events/\(forum.id)/attendance/online-import", headers: [.contentType: "text/csv"], body: report)
            #expect(reply.status == .ok, "\(reply.body)")
            #expect(reply.json["matched"] as? Int == 1)
            #expect(reply.json["recorded"] as? Int == 1)
            #expect(reply.json["unmatched"] as? Int == 1)
            let stats = try await api.get("/v1/events/\(forum.id)/attendance")
            #expect((stats.json["checkedInByDay"] as? [String: Int])?[String(day)] == 1)
            // An empty upload is refused, not taken as a report of nobody.
            for empty in ["", "\r\n", " , \n"] {
                let refused = try await api.request(
                    .post, "/v1/events/\(forum.id)/attendance/online-import", headers: [.contentType: "text/csv"], body: empty)
                #expect(refused.status == .unprocessableContent, "\(refused.body)")
                #expect((refused.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "body")
            }
        }
    }

    @Test("collectivities: 12 regions and 75 prefectures and provinces, searchable in Arabic and French", .isolatedDatabase)
    func collectivities() async throws {
        try await withTestApp { client in
            let api = TestAPI(client: client, token: nil)
            #expect(try await api.get("/v1/collectivities?kind=region").items.count == 12)
            let within = try await api.get("/v1/collectivities?parent=MA-09&limit=500")
            #expect(within.items.count == 6)
            let arabic = try await api.get(
                "/v1/collectivities?q=\("سلا".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)")
            #expect(arabic.items.contains { $0["code"] as? String == "MA-SAL" })
            let french = try await api.get("/v1/collectivities?q=kenitra")
            #expect(french.items.isEmpty || french.items.contains { $0["code"] as? String == "MA-KEN" })
            let accents = try await api.get("/v1/collectivities?q=K%C3%A9nitra")
            #expect(accents.items.contains { $0["code"] as? String == "MA-KEN" })
        }
    }
}

@Suite("Rate limits")
struct RateLimitTests {
    @Test(
        "public registrations beyond the limit get 429 with Retry-After; organisers adding people are not limited",
        .isolatedDatabase)
    func limited() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp(configuration: AppConfiguration(publicWritesPerMinute: 12)) { client in
            let api = TestAPI(client: client, token: token)
            let forum = try await RegistrationsTests.setUpForum(api)
            let url = "/v1/events/\(forum.id)/registrations"
            var statuses: [Int] = []
            for n in 1...4 {
                statuses.append(Int(try await api.anonymous().post(url, RegistrationsTests.body(n)).status.code))
            }
            // A burst of a quarter of the minute's allowance (3), then 429.
            #expect(statuses == [201, 201, 201, 429])
            let refused = try await api.anonymous().post(url, RegistrationsTests.body(5))
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(try await api.post(url, RegistrationsTests.body(6)).status == .created)
            // Reads are never limited.
            #expect(try await api.anonymous().get("/v1/events/\(forum.id)/registration-settings").status == .ok)
        }
    }

    @Test("the client is the peer, or the address a trusted proxy vouches for")
    func clientAddress() {
        let proxies: Set<String> = ["10.0.0.2"]
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: "198.51.100.1", trusted: proxies) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "198.51.100.1", trusted: proxies) == "198.51.100.1")
        #expect(
            ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "1.2.3.4, 198.51.100.7", trusted: proxies) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: nil, trusted: proxies) == "10.0.0.2")
    }
}
