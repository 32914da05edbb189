import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MultaqaAPI
import MultaqaAPIClient
import MultaqaDomain
import MultaqaReports
import MultaqaStore
import MultaqaTestSupport
import OpenAPIRuntime
import Synchronization
import Testing

/// Registration as attendees and organisers use it, through the contract's generated client.
/// Raw requests stay where a test checks bytes or headers the contract does not describe: the
/// replayed answer's bytes and its `Idempotent-Replayed`, the CSV export, an answer that must not
/// leak a name anywhere in its body.
@Suite("Registrations")
struct RegistrationsTests {
    typealias Input = Components.Schemas.RegistrationInput

    static func body(
        _ n: Int, mode: Components.Schemas.AttendanceMode = .inPerson, workshops: [String] = [],
        category: Components.Schemas.AttendeeCategory = .electedOfficial, _ change: ((inout Input) -> Void)? = nil
    ) -> Input {
        var input = Input(
            fullName: "مشارك تجريبي \(n)", email: "Attendee\(n)@Example.org ", category: category, mode: mode,
            workshops: workshops, consent: true)
        change?(&input)
        return input
    }

    /// The field the refusals test's event requires.
    static func position(_ input: inout Input) { input.position = "Élu" }

    static func organizer() async throws -> String { try await makeToken(.organizer) }

    @Test(
        "registering answers 201 with a status, a check-in code and a manage token; Arabic names come back intact",
        .isolatedDatabase)
    func register() async throws {
        let token = try await Self.organizer()
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let name = "السيدة فاطمة الزهراء بنعلي"
            let reply = try await Client(app).createRegistration(
                path: .init(eventId: forum.event),
                body: .json(
                    .init(
                        fullName: name, email: " Fatima@Example.ORG", category: .electedOfficial,
                        affiliation: .init(collectivity: "ma-04"), position: "رئيسة جماعة", mode: .inPerson,
                        workshops: [forum.workshops[0], forum.workshops[2]], consent: true)))
            guard case .created(let created) = reply else {
                Issue.record("\(reply)")
                return
            }
            let answer = try created.body.json
            #expect(answer.value1.status == .confirmed)
            #expect(answer.value1.fullName == name)
            #expect(answer.value1.email == "fatima@example.org")
            let code = answer.value1.checkInCode
            #expect(code.count == 9 && code.dropFirst(4).first == "-")
            #expect(!code.contains("O") && !code.contains("I") && !code.contains("0") && !code.contains("1"))
            #expect(answer.value2.manageToken.hasPrefix("reg_"))
            #expect(created.headers.location == "/v1/registrations/\(answer.value1.id)")
            let own = try await Client(app, token: answer.value2.manageToken).getRegistration(
                path: .init(registrationId: answer.value1.id))
            let registration = try own.ok.body.json
            #expect(registration.fullName == name)
            #expect(registration.workshops.count == 2)
            // The manage token is shown once: the typed answer has no field for it, so the bytes.
            let ownBytes = try await TestAPI(client: app, token: answer.value2.manageToken).get(
                "/v1/registrations/\(answer.value1.id)")
            #expect(ownBytes.status == .ok && !ownBytes.body.contains("manageToken"))
            let settings = try await Client(app).getRegistrationSettings(path: .init(eventId: forum.event))
            let seats = try settings.ok.body.json.capacities.first
            #expect(seats?.confirmed == 1)
            #expect(seats?.available == 349)
        }
    }

    @Test("every 4xx names its rule and stores nothing", .isolatedDatabase)
    func refusals() async throws {
        let token = try await Self.organizer()
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api) {
                $0.waitlist = false
                $0.requiredFields = [.position]
            }
            let anonymous = Client(app)
            // A problem answer decodes only from `application/problem+json`, so its content type
            // is checked with it.
            func refused(_ input: Input, _ status: HTTPResponse.Status, _ needle: String) async throws {
                let reply = try await anonymous.createRegistration(path: .init(eventId: forum.event), body: .json(input))
                guard case .default(let code, let problem) = reply else {
                    Issue.record("\(input) → \(reply)")
                    return
                }
                #expect(code == Int(status.code), "\(input) → \(problem)")
                let answer = try problem.body.applicationProblemJson
                #expect(answer.mentions(needle), "\(answer) should name \(needle)")
            }
            try await refused(
                Self.body(1) {
                    Self.position(&$0)
                    $0.consent = false
                }, .unprocessableContent, "consent")
            try await refused(Self.body(1), .unprocessableContent, "position")
            try await refused(Self.body(1, mode: .online, Self.position), .unprocessableContent, "online")
            try await refused(
                Self.body(1, workshops: [forum.workshops[0], forum.workshops[1]], Self.position), .conflict, "workshops_overlap")
            try await refused(Self.body(1, workshops: [UUID().uuidString], Self.position), .unprocessableContent, "workshops")
            try await refused(
                Self.body(1) {
                    Self.position(&$0)
                    $0.affiliation = .init(collectivity: "XX-99")
                }, .unprocessableContent, "affiliation.collectivity")
            try await refused(
                Input(fullName: "A\u{0}B", email: "a@example.org", category: .citizen, mode: .inPerson, consent: true),
                .unprocessableContent, "fullName")
            try await refused(
                Input(fullName: "Ali", email: "not-an-email", category: .citizen, mode: .inPerson, consent: true),
                .unprocessableContent, "email")
            // Duplicate email, trimmed and case-insensitive: 409 that says how to manage it.
            let first = try await anonymous.createRegistration(
                path: .init(eventId: forum.event), body: .json(Self.body(1, Self.position)))
            _ = try first.created
            try await refused(
                Self.body(1) {
                    Self.position(&$0)
                    $0.email = "attendee1@example.ORG"
                }, .conflict, "manage")
            let list = try await api.listRegistrations(path: .init(eventId: forum.event))
            #expect(try list.ok.body.json.items.count == 1)
            // Closed window.
            let closed = try await api.putRegistrationSettings(
                path: .init(eventId: forum.event),
                body: .json(
                    .init(closesAt: Date(timeIntervalSince1970: 978_307_200), capacities: [.init(mode: .inPerson, capacity: 350)])
                ))
            _ = try closed.ok
            try await refused(Self.body(2, Self.position), .conflict, "registration_closed")
            // A draft event does not exist for the public.
            let draft = try await api.createEvent(
                body: .json(
                    .init(
                        slug: "draft-x", kind: .seminar, format: .virtual, title: .init(fr: "Brouillon"), timezone: "UTC",
                        startsAt: Date(timeIntervalSince1970: 1_893_484_800),
                        endsAt: Date(timeIntervalSince1970: 1_893_492_000), online: .init(platform: "Zoom"))))
            let hidden = try await anonymous.createRegistration(
                path: .init(eventId: try draft.created.body.json.id), body: .json(Self.body(3)))
            guard case .default(statusCode: 404, _) = hidden else {
                Issue.record("\(hidden)")
                return
            }
        }
    }

    @Test("invite-only: a code with a number of uses", .isolatedDatabase)
    func invitations() async throws {
        let token = try await Self.organizer()
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api) { $0.inviteOnly = true }
            let invitation = try await api.createInvitation(
                path: .init(eventId: forum.event), body: .json(.init(code: "saidia-2024", label: "Conseil régional", uses: 2)))
            _ = try invitation.created
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            let none = try await Client(app).createRegistration(path: path, body: .json(Self.body(1)))
            #expect(try Self.problem(none, 409)?.mentions("invitation_invalid") == true)
            for n in 1...2 {
                let invited = try await Client(app).createRegistration(
                    path: path, body: .json(Self.body(n) { $0.invitationCode = "SAIDIA-2024" }))
                #expect(Self.statusCode(invited) == 201)
            }
            let usedUp = try await Client(app).createRegistration(
                path: path, body: .json(Self.body(3) { $0.invitationCode = "SAIDIA-2024" }))
            #expect(try Self.problem(usedUp, 409)?.mentions("invitation_invalid") == true)
            // Organisers add people by hand without a code.
            #expect(Self.statusCode(try await api.createRegistration(path: path, body: .json(Self.body(4)))) == 201)
            let list = try await api.listInvitations(path: .init(eventId: forum.event))
            #expect(try list.ok.body.json.items.first?.used == 2)
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
        try await withTestApp { app in
            try await secondApp.test(.router) { otherApp in
                let api = Client(app, token: token)
                let forum = try await Fixtures.saidiaForum(using: api, inPerson: 40, online: 25, workshopCapacity: 15)
                let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
                let statuses = try await withThrowingTaskGroup(of: (Components.Schemas.AttendanceMode, String, Int).self) {
                    group in
                    for n in 0..<300 {
                        let target = Client(n % 2 == 0 ? app : otherApp)
                        let mode: Components.Schemas.AttendanceMode = n % 3 == 0 ? .online : .inPerson
                        group.addTask {
                            let reply = try await target.createRegistration(
                                path: path,
                                body: .json(Self.body(n, mode: mode, workshops: n % 5 == 0 ? [forum.workshops[2]] : [])))
                            switch reply {
                            case .created(let created): return (mode, try created.body.json.value1.status.rawValue, 201)
                            case .default(let code, let problem): return (mode, "\(code) \(problem)", code)
                            }
                        }
                    }
                    var all: [(Components.Schemas.AttendanceMode, String, Int)] = []
                    for try await result in group { all.append(result) }
                    return all
                }
                let confirmedInPerson = statuses.filter { $0.0 == .inPerson && $0.1 == "confirmed" }.count
                let confirmedOnline = statuses.filter { $0.0 == .online && $0.1 == "confirmed" }.count
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
                let stored = try await api.getAttendance(path: .init(eventId: forum.event)).ok.body.json
                #expect(stored.byStatus.additionalProperties.values.reduce(0, +) == 300 - workshopFull)
                // Waitlist positions are 1, 2, 3 … per mode, in the order people joined.
                let waiting = try await api.listRegistrations(
                    path: .init(eventId: forum.event), query: .init(status: .waitlisted, mode: .online, limit: 200))
                let positions = try waiting.ok.body.json.items.compactMap(\.waitlistPosition)
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
        try await withTestApp { app in
            try await secondApp.test(.router) { otherApp in
                let api = Client(app, token: token)
                let forum = try await Fixtures.saidiaForum(using: api, inPerson: 20)
                let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
                let answers = try await withThrowingTaskGroup(of: Components.Schemas.Registration.self) { group in
                    for n in 0..<300 {
                        let target = Client(n % 2 == 0 ? app : otherApp)
                        group.addTask { try await Self.register(target, path, Self.body(n)) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.filter { $0.status == .confirmed }.count == 20)
                let told = answers.filter { $0.status == .waitlisted }
                #expect(told.count == 280, "\(Dictionary(grouping: answers) { $0.status }.mapValues { $0.count })")
                // Read once the burst is over: nothing has moved the queue since the answers.
                let listed = try await Self.waitlistPlaces(api, forum.event)
                #expect(listed.count == 280)
                let positions = told.compactMap { $0.waitlistPosition }
                #expect(Set(positions).count == told.count, "two registrants were told the same place")
                #expect(Set(positions) == Set(1...told.count), "places told run from 1 to the length of the queue")
                let wrong = told.filter { listed[$0.id] != $0.waitlistPosition }
                #expect(wrong.isEmpty, "\(wrong.count) of \(told.count) were told another place than the list shows")
            }
        }
    }

    @Test(
        "reading a place waits for the change of the queue in flight, and a registration joining the queue meanwhile does not wait for the read",
        .isolatedDatabase, .timeLimit(.minutes(2)))
    func placeReadDoesNotStopTheQueue() async throws {
        let token = try await Self.organizer()
        let testDatabase = try #require(TestDatabase.current)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 1)
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            _ = try await Self.register(api, path, Self.body(1))
            let waiting = try await Self.register(api, path, Self.body(2))
            #expect(waiting.status == .waitlisted && waiting.waitlistPosition == 1)
            try await testDatabase.withDatabase { database in
                let pool = try #require(
                    try await database.client.query(
                        """
                        SELECT p.id FROM capacity_pools p JOIN events e ON e.id = p.event_id
                        WHERE (e.id::text = \(forum.event) OR e.slug = \(forum.event)) AND p.mode = 'in_person'
                        """, logger: database.logger
                    ).collect().first?.decode(Int64.self))
                let (held, holding) = AsyncStream<Void>.makeStream()
                let (release, releasing) = AsyncStream<Void>.makeStream()
                let released = ReleaseFlag()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    // A change of the queue in flight (a registration joining it, a cancellation
                    // leaving it) holds the queue as every change does, until it commits.
                    group.addTask {
                        try await database.client.withTransaction(logger: database.logger) { connection in
                            _ = try await connection.query("SELECT multaqa_queue_change(\(pool))", logger: .quiet)
                                .collect()
                            holding.yield()
                            for await _ in release { break }
                        }
                    }
                    for await _ in held { break }
                    group.addTask {
                        // The place as a registration's answer and the attendee's page tell it.
                        let place = try await RegistrationStore(database: database).waitlistPosition(
                            id: try #require(UUID(uuidString: waiting.id)))
                        #expect(released.state.withLock { $0 }, "the place was read before the change in flight ended")
                        #expect(place == 1)
                    }
                    // Once the read waits for that change, another change of the same queue
                    // goes through: it waits for nobody's read.
                    var readWaits = false
                    for _ in 0..<1_500 where !readWaits {
                        readWaits =
                            try await database.client.query(
                                """
                                SELECT count(*) > 0 FROM pg_stat_activity
                                WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT multaqa_waitlist_position%'
                                """, logger: database.logger
                            ).collect().first?.decode(Bool.self) == true
                        if !readWaits { try await Task.sleep(for: .milliseconds(20)) }
                    }
                    #expect(readWaits, "the read did not wait for the change in flight")
                    let joined = try await withThrowingTaskGroup(of: Bool.self) { race in
                        race.addTask {
                            try await database.client.withTransaction(logger: database.logger) { connection in
                                _ = try await connection.query("SELECT multaqa_queue_change(\(pool))", logger: .quiet)
                                    .collect()
                            }
                            return true
                        }
                        race.addTask {
                            try await Task.sleep(for: .seconds(30))
                            return false
                        }
                        defer { race.cancelAll() }
                        return try await race.next() ?? false
                    }
                    #expect(joined, "a change of the queue waited for a place being read")
                    released.state.withLock { $0 = true }
                    releasing.yield()
                    try await group.waitForAll()
                }
            }
        }
    }

    @Test(
        "at a full event a registration is stored waitlisted in one write, and an email already registered is told so, with or without a waitlist",
        .isolatedDatabase)
    func fullEventStoresWaitlistedOnce() async throws {
        let token = try await Self.organizer()
        let testDatabase = try #require(TestDatabase.current)
        try await withTestApp { app in
            let api = Client(app, token: token)
            for waitlist in [true, false] {
                let forum = try await Fixtures.saidiaForum(using: api, inPerson: 1) { $0.waitlist = waitlist }
                let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
                let seated = try await Self.register(api, path, Self.body(1))
                #expect(seated.status == .confirmed)
                var stored = [seated]
                if waitlist {
                    for n in 2...3 { stored.append(try await Self.register(api, path, Self.body(n))) }
                    #expect(stored.map(\.status) == [.confirmed, .waitlisted, .waitlisted])
                    #expect(stored.map(\.waitlistPosition) == [nil, 1, 2])
                }
                // Every update of a registration moves its version: version 1 means written once.
                let ids = stored.compactMap { UUID(uuidString: $0.id) }
                let versions = try await testDatabase.withDatabase { database in
                    try await database.client.query(
                        "SELECT row_version FROM registrations WHERE id = ANY(\(ids)) ORDER BY created_at",
                        logger: database.logger
                    ).collect().map { try $0.decode(Int.self) }
                }
                #expect(versions == Array(repeating: 1, count: stored.count))
                // Someone already registered (here: seated) asks again at the full event: the
                // answer says how to manage that registration, not that the event is full, and
                // takes no place in the queue (the next one still gets the next place).
                let again = try await api.createRegistration(path: path, body: .json(Self.body(1)))
                guard case .default(statusCode: 409, let problem) = again else {
                    Issue.record("\(again)")
                    continue
                }
                let answer = try problem.body.applicationProblemJson
                #expect(answer.mentions("manage"), "\(answer)")
                if waitlist {
                    let fourth = try await Self.register(api, path, Self.body(4))
                    #expect(fourth.status == .waitlisted && fourth.waitlistPosition == 3)
                } else {
                    let full = try await api.createRegistration(path: path, body: .json(Self.body(5)))
                    guard case .default(statusCode: 409, let refusal) = full else {
                        Issue.record("\(full)")
                        continue
                    }
                    #expect(try refusal.body.applicationProblemJson.mentions("event_full"))
                }
            }
        }
    }

    /// Whether the change in flight has been let go, as the read sees it when it ends.
    private final class ReleaseFlag: Sendable {
        let state = Mutex(false)
    }

    @Test("waitlist promotion on cancel, reject and capacity raise, recorded in the outbox", .isolatedDatabase)
    func waitlist() async throws {
        let token = try await Self.organizer()
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 2) { $0.approvalRequired = true }
            var created: [Components.Schemas.RegistrationCreated] = []
            for n in 1...5 {
                created.append(
                    try await Client(app).createRegistration(path: .init(eventId: forum.event), body: .json(Self.body(n)))
                        .created.body.json)
            }
            let replies = created
            #expect(
                replies.map(\.value1.status) == [.pendingApproval, .pendingApproval, .waitlisted, .waitlisted, .waitlisted])
            #expect(replies.map { $0.value1.waitlistPosition ?? 0 } == [0, 0, 1, 2, 3])
            // Approve the first; reject the second: the first waiting person is promoted.
            #expect(try await Self.decide(api, replies[0].value1.id, .approve) == .confirmed)
            #expect(try await Self.decide(api, replies[1].value1.id, .reject) == .rejected)
            #expect(try await Self.read(api, replies[2].value1.id).status == .pendingApproval)
            #expect(try await Self.read(api, replies[3].value1.id).waitlistPosition == 1)
            // The attendee cancels with the manage token: the next one is promoted.
            let cancelled = try await Client(app, token: replies[0].value2.manageToken).cancelRegistration(
                path: .init(registrationId: replies[0].value1.id))
            #expect(try cancelled.ok.body.json.status == .cancelled)
            #expect(try await Self.read(api, replies[3].value1.id).status == .pendingApproval)
            // Raising the capacity promotes the rest at once.
            let raised = try await api.putRegistrationSettings(
                path: .init(eventId: forum.event),
                body: .json(.init(approvalRequired: true, capacities: [.init(mode: .inPerson, capacity: 10)])))
            _ = try raised.ok
            #expect(try await Self.read(api, replies[4].value1.id).status == .pendingApproval)
            // Lowering it below the seats taken is refused.
            let lowered = try await api.putRegistrationSettings(
                path: .init(eventId: forum.event), body: .json(.init(capacities: [.init(mode: .inPerson, capacity: 1)])))
            guard case .default(statusCode: 409, let problem) = lowered else {
                Issue.record("\(lowered)")
                return
            }
            #expect(try problem.body.applicationProblemJson.mentions("capacity_below_taken"), "\(problem)")
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
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            let key = Operations.CreateRegistration.Input.Headers(idempotencyKey: "2f1c-attempt-1")
            let first = try await Client(app).createRegistration(path: path, headers: key, body: .json(Self.body(1)))
            #expect(Self.statusCode(first) == 201)
            // The replay's bytes and its `Idempotent-Replayed` header are what this test is about,
            // and the contract describes neither: read raw.
            let url = "/v1/events/\(forum.event)/registrations"
            let rawKey: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "2f1c-attempt-1"]
            let again = try await TestAPI(client: app, token: nil).request(.post, url, Self.json(Self.body(1)), headers: rawKey)
            #expect(again.status == .created)
            #expect(try Self.decoded(again) == first.created.body.json)
            #expect(again.headers[.location] == (try first.created.headers.location))
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let second = try await TestAPI(client: app, token: nil).request(.post, url, Self.json(Self.body(1)), headers: rawKey)
            #expect(second.body == again.body)
            let other = try await Client(app).createRegistration(path: path, headers: key, body: .json(Self.body(2)))
            #expect(try Self.problem(other, 422)?.mentions("Idempotency-Key") == true)
            let badKey = Operations.CreateRegistration.Input.Headers(idempotencyKey: "bad-1")
            let noConsent = Self.body(3) { $0.consent = false }
            let refused = try await Client(app).createRegistration(path: path, headers: badKey, body: .json(noConsent))
            let refusedAgain = try await Client(app).createRegistration(path: path, headers: badKey, body: .json(noConsent))
            #expect(Self.statusCode(refused) >= 400 && refused == refusedAgain, "\(refused) \(refusedAgain)")
            #expect(try await api.listRegistrations(path: .init(eventId: forum.event)).ok.body.json.items.count == 1)
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
        try await withTestApp(configuration: configuration) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 1)
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            #expect(Self.statusCode(try await Client(app).createRegistration(path: path, body: .json(Self.body(1)))) == 500)
            let key = Operations.CreateRegistration.Input.Headers(idempotencyKey: "9c41-lost-answer")
            let lost = try await Client(app).createRegistration(path: path, headers: key, body: .json(Self.body(2)))
            #expect(Self.statusCode(lost) == 500, "\(lost)")
            let stored = try await Self.search(api, forum.event, "attendee2")
            #expect(stored.count == 1, "the registration committed although its answer was lost")

            let retried = try await Client(app).createRegistration(path: path, headers: key, body: .json(Self.body(2)))
            guard case .created(let created) = retried else {
                Issue.record("\(retried)")
                return
            }
            let answer = try created.body.json
            #expect(answer.value1.id == stored.first?.id)
            #expect(answer.value1.status == .waitlisted && answer.value1.waitlistPosition == 1)
            #expect(created.headers.location == "/v1/registrations/\(answer.value1.id)")
            #expect(answer.value1.checkInCode == stored.first?.checkInCode)
            // The manage token in the rebuilt answer opens the registration.
            let own = try await Client(app, token: answer.value2.manageToken).getRegistration(
                path: .init(registrationId: answer.value1.id))
            #expect(try own.ok.body.json.email == "attendee2@example.org", "\(own)")
            // From now on the rebuilt answer is the one kept, byte for byte: read raw.
            let url = "/v1/events/\(forum.event)/registrations"
            let rawKey: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "9c41-lost-answer"]
            let again = try await TestAPI(client: app, token: nil).request(.post, url, Self.json(Self.body(2)), headers: rawKey)
            #expect(again.status == .created)
            #expect(try Self.decoded(again) == answer)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let third = try await TestAPI(client: app, token: nil).request(.post, url, Self.json(Self.body(2)), headers: rawKey)
            #expect(third.body == again.body)
            #expect(try await Self.search(api, forum.event, "attendee2").count == 1)
        }
    }

    @Test("one attendee's token never reads or changes another's registration", .isolatedDatabase)
    func tokenIsolation() async throws {
        let token = try await Self.organizer()
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 5, online: 5)
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            let a = try await Client(app).createRegistration(path: path, body: .json(Self.body(1))).created.body.json
            let b = try await Client(app).createRegistration(path: path, body: .json(Self.body(2))).created.body.json
            let tokenA = Client(app, token: a.value2.manageToken)
            // Nothing of b's may show in the refusal, in any field: read raw.
            let read = try await TestAPI(client: app, token: a.value2.manageToken).get("/v1/registrations/\(b.value1.id)")
            #expect(read.status == .notFound && !read.body.contains("Attendee2"))
            let bPath = Operations.UpdateRegistration.Input.Path(registrationId: b.value1.id)
            let aPath = Operations.UpdateRegistration.Input.Path(registrationId: a.value1.id)
            let changeB = try await tokenA.updateRegistration(path: bPath, body: .json(.init(mode: .online)))
            #expect(Self.statusCode(changeB) == 404)
            let cancelB = try await tokenA.cancelRegistration(path: .init(registrationId: b.value1.id))
            #expect(Self.statusCode(cancelB) == 404)
            let forged = try await Client(app, token: "reg_" + String(repeating: "x", count: 40)).getRegistration(
                path: .init(registrationId: a.value1.id))
            #expect(Self.statusCode(forged) == 404)
            let anonymous = try await Client(app).getRegistration(path: .init(registrationId: a.value1.id))
            #expect(Self.statusCode(anonymous) == 401)
            // The attendee changes mode and workshops, subject to capacity.
            let changed = try await tokenA.updateRegistration(
                path: aPath, body: .json(.init(mode: .online, workshops: [forum.workshops[1]])))
            guard case .ok(let ok) = changed else {
                Issue.record("\(changed)")
                return
            }
            #expect(try ok.body.json.mode == .online)
            #expect(try ok.body.json.workshops == [forum.workshops[1]])
            let ownA = try await tokenA.getRegistration(path: .init(registrationId: a.value1.id)).ok.body.json
            #expect(ownA.joinUrl == "https://example.org/join/forum")
            let ownB = try await Client(app, token: b.value2.manageToken).getRegistration(
                path: .init(registrationId: b.value1.id)
            ).ok.body.json
            #expect(ownB.joinUrl == nil)
            let overlap = try await tokenA.updateRegistration(
                path: aPath, body: .json(.init(workshops: [forum.workshops[0], forum.workshops[1]])))
            #expect(Self.statusCode(overlap) == 409)
            #expect(try await api.getRegistration(path: .init(registrationId: b.value1.id)).ok.body.json.mode == .inPerson)
            // Cancel and erase: only the anonymous fields stay.
            let erased = try await tokenA.cancelRegistration(path: .init(registrationId: a.value1.id), query: .init(erase: true))
            guard case .ok(let erasedOK) = erased else {
                Issue.record("\(erased)")
                return
            }
            let kept = try erasedOK.body.json
            #expect(kept.erased == true)
            #expect(kept.fullName == nil && kept.email == nil)
            #expect(kept.category == .electedOfficial)
        }
    }

    @Test(
        "check-in: 201 once per day and session; cancelled, waitlisted and unknown refused; attendance counts", .isolatedDatabase)
    func checkIn() async throws {
        let token = try await Self.organizer()
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 2)
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            let a = try await Client(app).createRegistration(
                path: path,
                body: .json(Self.body(1, workshops: [forum.workshops[0]]) { $0.affiliation = .init(collectivity: "MA-SAL") })
            ).created.body.json
            let b = try await Client(app).createRegistration(path: path, body: .json(Self.body(2, category: .press)))
                .created.body.json
            let c = try await Client(app).createRegistration(path: path, body: .json(Self.body(3))).created.body.json
            #expect(c.value1.status == .waitlisted)
            let codeA = a.value1.checkInCode.lowercased()
            let checkIns = Operations.CreateCheckIn.Input.Path(eventId: forum.event)
            let kiosk = try await Client(app).createCheckIn(path: checkIns, body: .json(.init(code: codeA)))
            #expect(Self.statusCode(kiosk) == 422, "today is not a day of the event: \(kiosk)")
            let event = try await api.getEvent(path: .init(eventId: forum.event)).ok.body.json
            let day = String(ISO8601DateFormatter().string(from: event.startsAt).prefix(10))
            let first = try await Client(app).createCheckIn(path: checkIns, body: .json(.init(code: codeA, day: day)))
            guard case .created(let firstCreated) = first else {
                Issue.record("\(first)")
                return
            }
            #expect(try firstCreated.body.json.fullName == nil)
            let twice = try await api.createCheckIn(path: checkIns, body: .json(.init(code: codeA, day: day)))
            #expect(Self.statusCode(twice) == 409)
            let workshop = try await api.createCheckIn(
                path: checkIns, body: .json(.init(code: codeA, sessionId: forum.workshops[0])))
            guard case .created(let workshopCreated) = workshop else {
                Issue.record("\(workshop)")
                return
            }
            #expect(try workshopCreated.body.json.fullName == "مشارك تجريبي 1")
            let waitlisted = try await api.createCheckIn(
                path: checkIns, body: .json(.init(code: c.value1.checkInCode, day: day)))
            #expect(Self.statusCode(waitlisted) == 409)
            let cancelB = try await Client(app, token: b.value2.manageToken).cancelRegistration(
                path: .init(registrationId: b.value1.id))
            #expect(Self.statusCode(cancelB) == 200)
            let cancelled = try await api.createCheckIn(path: checkIns, body: .json(.init(code: b.value1.checkInCode, day: day)))
            #expect(Self.statusCode(cancelled) == 409)
            let unknown = try await api.createCheckIn(path: checkIns, body: .json(.init(code: "ZZZZ-ZZZZ", day: day)))
            #expect(Self.statusCode(unknown) == 404)
            let stats = try await api.getAttendance(path: .init(eventId: forum.event)).ok.body.json
            #expect(stats.byStatus.additionalProperties["confirmed"] == 2)
            #expect(stats.byStatus.additionalProperties["cancelled"] == 1)
            #expect(stats.byRegion.additionalProperties["MA-04"] == 1)
            #expect(stats.byCollectivityKind.additionalProperties["prefecture"] == 1)
            #expect(stats.checkedInByDay.additionalProperties[day] == 1)
            #expect(Self.statusCode(try await Client(app).getAttendance(path: .init(eventId: forum.event))) == 401)
        }
    }

    @Test("the organisers' CSV keeps Arabic names and neutralises formulas; a CSV parser reads it back", .isolatedDatabase)
    func csvExport() async throws {
        let token = try await Self.organizer()
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            let arabic = try await Client(app).createRegistration(
                path: path,
                body: .json(
                    .init(
                        fullName: "عبد الرحمن، ابن \"الأطلس\"", email: "a@example.org", category: .researcher,
                        affiliation: .init(collectivity: "MA-AGD"), mode: .inPerson, consent: true)))
            #expect(Self.statusCode(arabic) == 201)
            let formula = try await Client(app).createRegistration(
                path: path,
                body: .json(
                    .init(
                        fullName: "=HYPERLINK(\"x\")", email: "b@example.org", category: .citizen, mode: .inPerson, consent: true)
                ))
            #expect(Self.statusCode(formula) == 201)
            // The file's bytes (the BOM, the escaping) are what this test is about: read raw.
            let raw = TestAPI(client: app, token: token)
            let export = try await raw.get("/v1/events/\(forum.event)/registrations.csv")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(export.body.hasPrefix("\u{FEFF}"))
            let rows = CSV.parse(export.body)
            #expect(rows.count == 3)
            let nameColumn = rows[0].firstIndex(of: "full_name")!
            #expect(rows[1][nameColumn] == "عبد الرحمن، ابن \"الأطلس\"")
            #expect(rows[2][nameColumn] == "'=HYPERLINK(\"x\")")
            #expect(rows[1][rows[0].firstIndex(of: "collectivity")!] == "عمالة أكادير إداوتنان")
            #expect(try await raw.anonymous().get("/v1/events/\(forum.event)/registrations.csv").status == .unauthorized)
        }
    }

    @Test("online attendance imported from a platform's participant report, matched by email", .isolatedDatabase)
    func onlineImport() async throws {
        let token = try await Self.organizer()
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, online: 100)
            let registered = try await Client(app).createRegistration(
                path: .init(eventId: forum.event), body: .json(Self.body(1, mode: .online)))
            #expect(Self.statusCode(registered) == 201)
            let event = try await api.getEvent(path: .init(eventId: forum.event)).ok.body.json
            let day = ISO8601DateFormatter().string(from: event.startsAt).prefix(10)
            let parts = day.split(separator: "-")
            let us = "\(parts[1])/\(parts[2])/\(parts[0])"
            let report =
                "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r\nمشارك,ATTENDEE1@example.org,\(us) 09:02:13 AM,\(us) 11:30:00 AM,148\r\nGuest,guest@example.org,\(us) 09:05:00 AM,\(us) 09:30:00 AM,25\r\n"
            let reply = try await api.importOnlineAttendance(path: .init(eventId: forum.event), body: .csv(HTTPBody(report)))
            guard case .ok(let ok) = reply else {
                Issue.record("\(reply)")
                return
            }
            let result = try ok.body.json
            #expect(result.matched == 1)
            #expect(result.recorded == 1)
            #expect(result.unmatched == 1)
            let stats = try await api.getAttendance(path: .init(eventId: forum.event)).ok.body.json
            #expect(stats.checkedInByDay.additionalProperties[String(day)] == 1)
            // An empty upload is refused, not taken as a report of nobody.
            for empty in ["", "\r\n", " , \n"] {
                let refused = try await api.importOnlineAttendance(path: .init(eventId: forum.event), body: .csv(HTTPBody(empty)))
                let problem = try Self.problem(refused, 422)
                #expect(problem?.errors?.first?.field == "body", "\(refused)")
            }
        }
    }

    @Test("collectivities: 12 regions and 75 prefectures and provinces, searchable in Arabic and French", .isolatedDatabase)
    func collectivities() async throws {
        try await withTestApp { app in
            let api = Client(app)
            #expect(try await Self.codes(api, .init(kind: .region)).count == 12)
            #expect(try await Self.codes(api, .init(parent: "MA-09", limit: 500)).count == 6)
            #expect(try await Self.codes(api, .init(q: "سلا")).contains("MA-SAL"))
            let french = try await Self.codes(api, .init(q: "kenitra"))
            #expect(french.isEmpty || french.contains("MA-KEN"))
            #expect(try await Self.codes(api, .init(q: "Kénitra")).contains("MA-KEN"))
        }
    }

    /// The registration a 201 answers with; an unexpected answer throws.
    static func register(
        _ api: Client, _ path: Operations.CreateRegistration.Input.Path, _ input: Input
    ) async throws -> Components.Schemas.Registration {
        try await api.createRegistration(path: path, body: .json(input)).created.body.json.value1
    }

    /// Every waitlisted registration's place as the organisers' list shows it, page by page.
    static func waitlistPlaces(_ api: Client, _ event: String) async throws -> [String: Int] {
        var listed: [String: Int] = [:]
        var cursor: String?
        repeat {
            let page = try await api.listRegistrations(
                path: .init(eventId: event), query: .init(status: .waitlisted, cursor: cursor, limit: 200)
            ).ok.body.json
            for item in page.items { listed[item.id] = item.waitlistPosition }
            cursor = page.nextCursor
        } while cursor != nil
        return listed
    }

    static func read(_ api: Client, _ id: String) async throws -> Components.Schemas.Registration {
        try await api.getRegistration(path: .init(registrationId: id)).ok.body.json
    }

    static func decide(
        _ api: Client, _ id: String, _ decision: Components.Schemas.RegistrationDecision.DecisionPayload
    ) async throws -> Components.Schemas.RegistrationStatus {
        try await api.decideRegistration(path: .init(registrationId: id), body: .json(.init(decision: decision))).ok.body.json
            .status
    }

    static func search(_ api: Client, _ event: String, _ text: String) async throws -> [Components.Schemas.Registration] {
        try await api.listRegistrations(path: .init(eventId: event), query: .init(q: text)).ok.body.json.items
    }

    static func codes(_ api: Client, _ query: Operations.ListCollectivities.Input.Query) async throws -> [String] {
        try await api.listCollectivities(query: query).ok.body.json.items.map(\.code)
    }

    /// The status code of a registration's answer.
    static func statusCode<Output: Sendable>(_ output: Output) -> Int {
        Answer.statusCode(output)
    }

    /// The problem of an answer with `status`; nil (and a recorded issue) for any other answer.
    static func problem<Output: Sendable>(_ output: Output, _ status: Int) throws -> Components.Schemas.Problem? {
        guard let (code, problem) = Answer.problem(output), code == status else {
            Issue.record("expected \(status), got \(output)")
            return nil
        }
        return try problem.body.applicationProblemJson
    }

    /// A raw request's body from the same typed input, byte for byte as the generated client
    /// writes it (the runtime's default options): a replay is one with the same body.
    static func json(_ input: Input) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: (try? encoder.encode(input)) ?? Data(), as: UTF8.self)
    }

    /// A raw 201's body, decoded as the generated client decodes it.
    static func decoded(_ reply: TestAPI.Reply) throws -> Components.Schemas.RegistrationCreated {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Components.Schemas.RegistrationCreated.self, from: Data(reply.body.utf8))
    }
}

@Suite("Rate limits")
struct RateLimitTests {
    @Test(
        "public registrations beyond the limit get 429 with Retry-After; organisers adding people are not limited",
        .isolatedDatabase)
    func limited() async throws {
        let token = try await makeToken(.organizer)
        // Two a minute: a burst of one, the next token 30 s later, so that a slow, busy machine
        // cannot refill the bucket between the requests of this test.
        try await withTestApp(configuration: AppConfiguration(publicWritesPerMinute: 2)) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            var statuses: [Int] = []
            for n in 1...2 {
                let reply = try await Client(app).createRegistration(path: path, body: .json(RegistrationsTests.body(n)))
                statuses.append(RegistrationsTests.statusCode(reply))
            }
            // A burst of a quarter of the minute's allowance (at least one), then 429.
            #expect(statuses == [201, 429])
            // A problem decodes only from `application/problem+json`: its content type is checked.
            let refused = try await Client(app).createRegistration(path: path, body: .json(RegistrationsTests.body(5)))
            guard case .default(statusCode: 429, let problem) = refused else {
                Issue.record("\(refused)")
                return
            }
            _ = try problem.body.applicationProblemJson
            #expect(problem.headers.retryAfter ?? 0 >= 1)
            let byHand = try await api.createRegistration(path: path, body: .json(RegistrationsTests.body(6)))
            #expect(RegistrationsTests.statusCode(byHand) == 201)
            // Reads are never limited.
            let settings = try await Client(app).getRegistrationSettings(path: .init(eventId: forum.event))
            #expect(RegistrationsTests.statusCode(settings) == 200)
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
