import Foundation
import MultaqaAPI
import MultaqaAPIClient
import MultaqaMail
import MultaqaServices
import MultaqaStore
import MultaqaTestSupport
import Testing

/// Mail as attendees receive it: the service's worker drains the outbox through msmtp to a real
/// SMTP server on loopback that demands STARTTLS and a login (`SMTPSink`), and the tests read
/// what that server received, parsed by Python's mail and calendar parsers.
@Suite("Mail delivery")
struct MailDeliveryTests {
    typealias Input = Components.Schemas.RegistrationInput

    static func attendee(
        _ name: String, _ email: String, language: Components.Schemas.Language? = nil, workshops: [String] = []
    ) -> Input {
        Input(
            fullName: name, email: email, category: .electedOfficial, mode: .inPerson, workshops: workshops,
            consent: true, language: language)
    }

    static func configuration(_ sink: SMTPSink, maximumAttempts: Int = 10) throws -> AppConfiguration {
        var configuration = AppConfiguration.forTests
        configuration.mail = try sink.mailConfiguration(maximumAttempts: maximumAttempts)
        return configuration
    }

    /// Polls the organisers' view of the outbox until `done` holds.
    static func waitForNotifications(
        _ api: Client, event: String, status: Components.Schemas.NotificationStatus? = nil, within seconds: Double = 120,
        until done: ([Components.Schemas.Notification]) -> Bool
    ) async throws -> [Components.Schemas.Notification] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let items = try await api.listNotifications(path: .init(eventId: event), query: .init(status: status, limit: 200)).ok
                .body
                .json.items
            if done(items) { return items }
            guard Date() < deadline else { throw TestFailure("the outbox did not reach the state awaited: \(items)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test(
        "a confirmation reaches the attendee in Arabic: both parts, the code, a calendar with the chosen workshops, a manage link that works",
        .isolatedDatabase)
    func arabicConfirmation() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        try await withTestApp(configuration: try Self.configuration(sink)) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api) { $0.replyTo = "Forum@Region-Oriental.ma" }
            let name = "فاطمة الزهراء بنعلي"
            let created = try await Client(app).createRegistration(
                path: .init(eventId: forum.event),
                body: .json(
                    Self.attendee(name, "fz@example.ma", language: .ar, workshops: [forum.workshops[0], forum.workshops[2]]))
            ).created.body.json
            #expect(created.value1.language == .ar)
            let mail = try #require(try await sink.waitFor(1).first)
            #expect(mail.subject == "تأكيد التسجيل: المنتدى البرلماني للجهات")
            #expect(mail.envelopeTo == ["fz@example.ma"])
            #expect(mail.to.contains(name))
            #expect(mail.from.contains("ملتقى Multaqa"))
            // Replies reach the event's organisers.
            #expect(mail.replyTo == "forum@region-oriental.ma")
            #expect(mail.autoSubmitted == "auto-generated" && mail.contentLanguage == "ar")
            #expect(mail.contentType == "multipart/mixed")
            let text = try #require(mail.text)
            let html = try #require(mail.html)
            #expect(text.contains(name) && text.contains(created.value1.checkInCode))
            #expect(html.contains("dir=\"rtl\"") && html.contains(created.value1.checkInCode))
            #expect(text.contains("ورشة التمويل") && text.contains("Atelier RH"))

            let calendar = try #require(mail.attachments.first { $0.contentType == "text/calendar" })
            #expect(
                calendar.events.map(\.uid).sorted()
                    == (["event-\(forum.event)"] + [forum.workshops[0], forum.workshops[2]]).map {
                        "\($0)@multaqa"
                    }.sorted())
            #expect(calendar.events.contains { $0.summary == "المنتدى البرلماني للجهات" })
            // In person: no join link, in the mail or the calendar.
            #expect(calendar.events.allSatisfy { $0.url == nil } && !text.contains("example.org/join"))

            // The manage link carries the token the answer showed, and it opens the registration.
            #expect(mail.manageToken == created.value2.manageToken)
            let mailed: String = try #require(mail.manageToken)
            let own = try await Client(app, token: mailed).getRegistration(
                path: .init(registrationId: created.value1.id))
            #expect(try own.ok.body.json.fullName == name)

            let sent = try await Self.waitForNotifications(api, event: forum.event) { $0.first?.status == .sent }
            #expect(sent.count == 1)
            #expect(sent[0].kind == .registrationReceived && sent[0].attempts == 1 && sent[0].recipient == "fz@example.ma")
            #expect(
                mail.messageID
                    == "<multaqa.\(sent[0].id).\(forum.event.replacingOccurrences(of: "-", with: "").prefix(12))@multaqa.test>")
        }
    }

    @Test(
        "the waitlist story in French: a full event, a place told, a cancellation, the promoted attendee's mail",
        .isolatedDatabase)
    func waitlistStory() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        try await withTestApp(configuration: try Self.configuration(sink)) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 1)
            let first = try await Client(app).createRegistration(
                path: .init(eventId: forum.event), body: .json(Self.attendee("Amina Alaoui", "amina@example.ma", language: .fr))
            ).created.body.json
            let second = try await Client(app).createRegistration(
                path: .init(eventId: forum.event), body: .json(Self.attendee("Karim Idrissi", "karim@example.ma", language: .fr))
            ).created.body.json
            #expect(second.value1.status == .waitlisted)
            let told = try await sink.waitFor(2).first { $0.envelopeTo == ["karim@example.ma"] }
            #expect(told?.subject == "Liste d'attente : Forum des régions")
            #expect(told?.text?.contains("en position 1") == true)
            #expect(told?.attachments.isEmpty == true)
            #expect(told?.text?.contains(second.value1.checkInCode) == false)

            _ = try await Client(app, token: first.value2.manageToken).cancelRegistration(
                path: .init(registrationId: first.value1.id)
            ).ok
            let mails = try await sink.waitFor(4)
            let cancelled = mails.first { $0.envelopeTo == ["amina@example.ma"] && $0.subject.hasPrefix("Inscription annulée") }
            #expect(cancelled != nil && cancelled?.manageToken == nil)
            let promoted = try #require(mails.first { $0.subject == "Une place s'est libérée : Forum des régions" })
            #expect(promoted.envelopeTo == ["karim@example.ma"])
            #expect(promoted.text?.contains(second.value1.checkInCode) == true)
            #expect(promoted.attachments.first?.events.count == 1)
            #expect(Set(mails.map(\.messageID)).count == 4)
        }
    }

    @Test(
        "the relay away for a while: the mails wait and retry, and all arrive once it is back, none lost, none twice",
        .isolatedDatabase)
    func relayAway() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        try await sink.stop()
        try await withTestApp(configuration: try Self.configuration(sink)) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            for n in 1...3 {
                _ = try await Client(app).createRegistration(
                    path: .init(eventId: forum.event), body: .json(Self.attendee("Attendee \(n)", "a\(n)@example.ma"))
                ).created
            }
            // Registering did not wait for the relay; the worker tried and will try again.
            let waiting = try await Self.waitForNotifications(api, event: forum.event) { items in
                items.count == 3 && items.allSatisfy { $0.status == .pending && $0.attempts >= 1 && $0.lastError != nil }
            }
            #expect(waiting.allSatisfy { $0.lastError?.contains("msmtp") == true })
            #expect(try sink.received().isEmpty)
            try await sink.restart()
            let mails = try await sink.waitFor(3)
            let sent = try await Self.waitForNotifications(api, event: forum.event) { $0.allSatisfy { $0.status == .sent } }
            #expect(sent.count == 3)
            #expect(Set(mails.flatMap(\.envelopeTo)) == ["a1@example.ma", "a2@example.ma", "a3@example.ma"])
            try await Task.sleep(for: .seconds(1))
            #expect(try sink.received().count == 3)
        }
    }

    @Test(
        "after the last attempt a mail shows as failed with the relay's answer, and an organiser's retry sends it",
        .isolatedDatabase)
    func failedThenRetried() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        try await sink.stop()
        try await withTestApp(configuration: try Self.configuration(sink, maximumAttempts: 2)) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            _ = try await Client(app).createRegistration(
                path: .init(eventId: forum.event), body: .json(Self.attendee("Salma Bennani", "salma@example.ma"))
            ).created
            let failed = try await Self.waitForNotifications(api, event: forum.event, status: .failed) { $0.count == 1 }
            #expect(failed[0].attempts == 2 && failed[0].failedAt != nil && failed[0].lastError != nil)
            let notification = failed[0].id
            // Only a failed notification can be retried.
            try await sink.restart()
            let again = try await api.retryNotification(path: .init(notificationId: notification)).ok.body.json
            #expect(again.status == .pending && again.attempts == 0)
            let mails = try await sink.waitFor(1)
            #expect(mails[0].envelopeTo == ["salma@example.ma"])
            _ = try await Self.waitForNotifications(api, event: forum.event, status: .sent) { $0.count == 1 }
            let refused = try await api.retryNotification(path: .init(notificationId: notification))
            guard case .default(let status, let problem) = refused else {
                Issue.record("a sent notification was retried: \(refused)")
                return
            }
            #expect(status == 409)
            #expect(try problem.body.applicationProblemJson.rule == "notification_not_failed")
        }
    }

    @Test(
        "two instances draining one outbox: every mail sent once, none by both",
        .isolatedDatabase)
    func twoWorkers() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        let count = 30
        let configuration = try sink.mailConfiguration()
        let database = try #require(TestDatabase.current)
        // The service answers with no worker of its own, so that both workers start on a full outbox.
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            for n in 1...count {
                _ = try await Client(app).createRegistration(
                    path: .init(eventId: forum.event), body: .json(Self.attendee("Attendee \(n)", "p\(n)@example.ma"))
                ).created
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await database.withDatabase { database in
                            let worker = MailWorker(configuration: configuration, database: database, logger: .quiet)
                            while try await worker.drainOnce() > 0 {}
                        }
                    }
                }
                try await group.waitForAll()
            }
            let mails = try await sink.waitFor(count)
            try await Task.sleep(for: .milliseconds(500))
            #expect(try sink.received().count == count)
            #expect(Set(mails.map(\.messageID)).count == count)
            #expect(Set(mails.flatMap(\.envelopeTo)).count == count)
            let items = try await api.listNotifications(path: .init(eventId: forum.event), query: .init(limit: 100)).ok.body
                .json.items
            #expect(items.count == count && items.allSatisfy { $0.status == .sent && $0.attempts == 1 })
        }
    }

    @Test(
        "a mail not yet handed over when the worker stops stays due, with no attempt counted, and leaves at the next start",
        .isolatedDatabase)
    func stoppedBeforeSending() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        let database = try #require(TestDatabase.current)
        // The service answers with no worker of its own: the workers below are the only ones.
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            _ = try await Client(app).createRegistration(
                path: .init(eventId: forum.event), body: .json(Self.attendee("Nadia Tazi", "nadia@example.ma"))
            ).created
            let stopping = try {
                var configuration = try sink.mailConfiguration()
                configuration.transport = StoppedBeforeHandover()
                return configuration
            }()
            try await database.withDatabase { database in
                let taken = try await MailWorker(configuration: stopping, database: database, logger: .quiet).drainOnce()
                #expect(taken == 1)
            }
            let waiting = try await api.listNotifications(path: .init(eventId: forum.event)).ok.body.json.items
            #expect(waiting.count == 1)
            #expect(waiting.allSatisfy { $0.status == .pending && $0.attempts == 0 && $0.lastError == nil }, "\(waiting)")
            let configuration = try sink.mailConfiguration()
            try await database.withDatabase { database in
                let worker = MailWorker(configuration: configuration, database: database, logger: .quiet)
                while try await worker.drainOnce() > 0 {}
            }
            let mails = try await sink.waitFor(1)
            #expect(mails.map(\.envelopeTo) == [["nadia@example.ma"]])
            let sent = try await api.listNotifications(path: .init(eventId: forum.event)).ok.body.json.items
            #expect(sent.allSatisfy { $0.status == .sent && $0.attempts == 1 }, "\(sent)")
        }
    }

    /// What the transports meet when the worker is cancelled at shutdown while a message waits
    /// for the thread pool: the pool drops the job before it starts, and the message never leaves.
    private struct StoppedBeforeHandover: MailTransport {
        func send(_ message: MailMessage, to recipient: String) async throws {
            throw CancellationError()
        }
    }

    @Test("an erased registration loses the mail still waiting for it", .isolatedDatabase)
    func erasedLosesMail() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        try await sink.stop()
        try await withTestApp(configuration: try Self.configuration(sink)) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let created = try await Client(app).createRegistration(
                path: .init(eventId: forum.event), body: .json(Self.attendee("Youssef Amrani", "youssef@example.ma"))
            ).created.body.json
            _ = try await Client(app, token: created.value2.manageToken).cancelRegistration(
                path: .init(registrationId: created.value1.id), query: .init(erase: true)
            ).ok
            let items = try await api.listNotifications(path: .init(eventId: forum.event)).ok.body.json.items
            #expect(items.allSatisfy { $0.status != .pending })
            try await sink.restart()
            try await Task.sleep(for: .seconds(1))
            #expect(try sink.received().isEmpty)
        }
    }

    @Test(
        "send me my link again: 202 whatever the address, a fresh link in the attendee's language, the old one refused",
        .isolatedDatabase)
    func resendLink() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        try await withTestApp(configuration: try Self.configuration(sink)) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let created = try await Client(app).createRegistration(
                path: .init(eventId: forum.event), body: .json(Self.attendee("Nadia Tazi", "nadia@example.ma", language: .fr))
            ).created.body.json
            _ = try await sink.waitFor(1)
            // The attendee now reads English.
            let changed = try await Client(app, token: created.value2.manageToken).updateRegistration(
                path: .init(registrationId: created.value1.id), body: .json(.init(language: .en))
            ).ok.body.json
            #expect(changed.language == .en)

            // An unknown address is answered the same, and nothing is sent to it.
            _ = try await Client(app).resendManageLink(
                path: .init(eventId: forum.event), body: .json(.init(email: "nobody@example.ma"))
            ).accepted
            _ = try await Client(app).resendManageLink(
                path: .init(eventId: forum.event), body: .json(.init(email: " Nadia@Example.MA"))
            ).accepted
            let mails = try await sink.waitFor(2)
            let link = mails[1]
            #expect(link.envelopeTo == ["nadia@example.ma"])
            #expect(link.subject == "Your registration link: المنتدى البرلماني للجهات")
            #expect(link.attachments.isEmpty)
            let fresh = try #require(link.manageToken)
            #expect(fresh != created.value2.manageToken)
            let old = try await Client(app, token: created.value2.manageToken).getRegistration(
                path: .init(registrationId: created.value1.id))
            guard case .default(let status, _) = old else {
                Issue.record("the old link still opens the registration: \(old)")
                return
            }
            #expect(status == 404)
            _ = try await Client(app, token: fresh).getRegistration(path: .init(registrationId: created.value1.id)).ok

            // A second request within five minutes sends nothing more, and says so to nobody.
            _ = try await Client(app).resendManageLink(
                path: .init(eventId: forum.event), body: .json(.init(email: "nadia@example.ma"))
            ).accepted
            try await Task.sleep(for: .seconds(1))
            #expect(try sink.received().count == 2)
            let refused = try await Client(app).resendManageLink(
                path: .init(eventId: forum.event), body: .json(.init(email: "not an address")))
            guard case .default(let invalid, _) = refused else {
                Issue.record("\(refused)")
                return
            }
            #expect(invalid == 422)
        }
    }

    @Test(
        "the day before, from nine in the event's time zone, each confirmed attendee is reminded once; online ones get the join link",
        .isolatedDatabase)
    func reminders() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        try await withTestApp(configuration: try Self.configuration(sink)) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 1, online: 10)
            var online = Self.attendee("Omar Fassi", "omar@example.ma", language: .fr)
            online.mode = .online
            for input in [
                Self.attendee("Hind Berrada", "hind@example.ma", language: .ar), online,
                Self.attendee("Waiting One", "wait@example.ma"),
            ] {
                _ = try await Client(app).createRegistration(path: .init(eventId: forum.event), body: .json(input)).created
            }
            _ = try await sink.waitFor(3)
            let event = try await api.getEvent(path: .init(eventId: forum.event)).ok.body.json
            let database = try #require(TestDatabase.current)
            let written = try await database.withDatabase { database in
                let store = NotificationStore(database: database)
                // 03:00 in Casablanca the day before: too early.
                let early = try await store.scheduleReminders(at: event.startsAt.addingTimeInterval(-30 * 3600), fromHour: 9)
                let due = try await store.scheduleReminders(at: event.startsAt.addingTimeInterval(-22 * 3600), fromHour: 9)
                let again = try await store.scheduleReminders(at: event.startsAt.addingTimeInterval(-21 * 3600), fromHour: 9)
                return [early, due, again]
            }
            #expect(written == [0, 2, 0])
            let mails = try await sink.waitFor(5)
            let reminders = mails.filter { $0.subject.contains("غدًا") || $0.subject.hasPrefix("Rappel") }
            #expect(Set(reminders.flatMap(\.envelopeTo)) == ["hind@example.ma", "omar@example.ma"])
            let omar = try #require(reminders.first { $0.envelopeTo == ["omar@example.ma"] })
            #expect(omar.subject == "Rappel : Forum des régions demain")
            #expect(omar.text?.contains("https://example.org/join/forum") == true)
            let hind = try #require(reminders.first { $0.envelopeTo == ["hind@example.ma"] })
            #expect(hind.subject == "تذكير: المنتدى البرلماني للجهات غدًا")
            #expect(hind.text?.contains("example.org/join") == false)
            #expect(hind.text?.contains("Palais des congrès") == true)
        }
    }

    @Test(
        "the service killed -9 while a batch is being sent: every mail ends sent, a resent one under the same Message-ID",
        .isolatedDatabase)
    func killedWhileSending() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        let count = 60
        let database = try #require(TestDatabase.current)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            for n in 1...count {
                _ = try await Client(app).createRegistration(
                    path: .init(eventId: forum.event), body: .json(Self.attendee("Attendee \(n)", "k\(n)@example.ma"))
                ).created
            }
            let environment = [
                "MULTAQA_SMTP_URL": sink.url, "MULTAQA_MAIL_FROM": "Multaqa <no-reply@multaqa.test>",
                "MULTAQA_PUBLIC_URL": "https://multaqa.test",
            ]
            let first = try ServiceProcess(database: database, environment: environment)
            // Killed as soon as a few mails of its first batch of 20 have left.
            do {
                _ = try await sink.waitFor(3)
            } catch {
                throw TestFailure("\(error); the service said:\n\(first.output.suffix(3000))")
            }
            first.kill9()
            let beforeRestart = try sink.received().count
            let second = try ServiceProcess(database: database, environment: environment)
            let items = try await Self.waitForNotifications(api, event: forum.event) { items in
                items.count == count && items.allSatisfy { $0.status == .sent }
            }
            try await second.stop()
            #expect(items.count == count)
            let mails = try sink.received()
            // At least once: every attendee has their mail.
            #expect(Set(mails.flatMap(\.envelopeTo)).count == count)
            // At most the batch held when the process died is sent twice, each copy under its
            // first Message-ID, so that a receiver can drop it.
            var copies: [String: [String]] = [:]
            for mail in mails { copies[mail.envelopeTo.joined(), default: []].append(mail.messageID) }
            #expect(copies.values.allSatisfy { Set($0).count == 1 })
            #expect(mails.count - count <= 20)
            #expect(beforeRestart < count)
        }
    }
}
