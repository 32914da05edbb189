import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import MultaqaAPI
import MultaqaAPIClient
import MultaqaDomain
import MultaqaServices
import MultaqaStore
import MultaqaTestSupport
import Testing

/// Webhooks as another system receives them: a real HTTP server on loopback (a Hummingbird
/// application of the test's own) takes the posts, and the test checks their signatures with its
/// own HMAC.
@Suite("Webhooks")
struct WebhooksTests {
    /// A delivery's body as the README documents it (the contract describes the API, not what
    /// Multaqa posts to receivers).
    struct Delivery: Decodable {
        struct Registration: Decodable {
            let registrationId: String
            let status: String
        }
        let kind: String
        let eventId: String
        let data: Registration
    }

    /// What the receiver got, and how many of the next posts it refuses with 500.
    actor Receiver {
        struct Post: Sendable {
            let headers: [String: String]
            let body: String
        }

        private(set) var posts: [Post] = []
        var refusals: Int

        init(refusals: Int = 0) {
            self.refusals = refusals
        }

        /// Records a post; answers whether to accept it.
        func take(_ post: Post) -> Bool {
            posts.append(post)
            guard refusals > 0 else { return true }
            refusals -= 1
            return false
        }

        func waitFor(_ count: Int, within seconds: Double = 60) async throws -> [Post] {
            let deadline = Date().addingTimeInterval(seconds)
            while posts.count < count {
                guard Date() < deadline else { throw TestFailure("\(posts.count) of \(count) posts arrived") }
                try await Task.sleep(for: .milliseconds(50))
            }
            return posts
        }
    }

    /// Runs `body` with a receiver listening on loopback; gives its URL.
    static func withReceiver(
        _ receiver: Receiver, _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let accepted = await receiver.take(.init(headers: headers, body: String(buffer: bytes)))
            return Response(status: accepted ? .noContent : .internalServerError)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)/hook")
        }
    }

    static func configuration(allowPrivate: Bool = true) -> AppConfiguration {
        var configuration = AppConfiguration.forTests
        configuration.webhookAllowPrivate = true
        configuration.webhooks = WebhookWorker.Configuration(
            allowPrivate: allowPrivate, retry: RetryPolicy(maximumAttempts: 6, firstDelay: 0.2, longestDelay: 0.5),
            pollInterval: .milliseconds(100))
        return configuration
    }

    /// The receiver's side of the signature: HMAC-SHA256 of "t.body" with the secret, in hex.
    static func verifies(_ post: Receiver.Post, secret: String) -> Bool {
        guard let header = post.headers["multaqa-signature"] else { return false }
        var parts: [String: String] = [:]
        for item in header.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { parts[pair[0]] = pair[1] }
        }
        guard let timestamp = parts["t"], let signature = parts["v1"],
            let seconds = Double(timestamp), abs(Date().timeIntervalSince1970 - seconds) < 300
        else { return false }
        let code = HMAC<SHA256>.authenticationCode(
            for: Data("\(timestamp).\(post.body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return code.hexadecimal == signature
    }

    /// Polls an endpoint's delivery log until `done` holds (or 30 s pass), and returns it.
    static func waitForLog(
        _ api: Client, webhook: String, until done: ([Components.Schemas.WebhookDelivery]) -> Bool
    ) async throws -> [Components.Schemas.WebhookDelivery] {
        let deadline = Date().addingTimeInterval(30)
        var log: [Components.Schemas.WebhookDelivery] = []
        while Date() < deadline {
            log = try await api.listWebhookDeliveries(path: .init(webhookId: webhook)).ok.body.json.items
            if done(log) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return log
    }

    /// The README's Python example, run on a delivery as received.
    static func readmeVerifies(_ post: Receiver.Post, secret: String) throws -> Bool {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("README.md"),
            encoding: .utf8)
        guard let section = readme.range(of: "Verifying a delivery"),
            let start = readme.range(of: "```python\n", range: section.upperBound..<readme.endIndex),
            let end = readme.range(of: "```", range: start.upperBound..<readme.endIndex)
        else { throw TestFailure("README.md has no Python example for verifying a delivery") }
        let script =
            String(readme[start.upperBound..<end.lowerBound]) + """
                import sys
                print(verify(sys.argv[1], sys.argv[2], sys.stdin.buffer.read()))
                """
        // The delivery's body as the script's standard input, through a file; run with
        // posix_spawn and waitpid (`SystemCommand`), whose end is never missed.
        let body = NSTemporaryDirectory() + "multaqa-delivery-\(UUID().uuidString)"
        try Data(post.body.utf8).write(to: URL(fileURLWithPath: body))
        defer { try? FileManager.default.removeItem(atPath: body) }
        let answer = try SystemCommand(
            "/usr/bin/python3", ["-c", script, secret, post.headers["multaqa-signature"] ?? ""], input: body,
            discardingErrors: true
        ).run().text
        return answer.trimmingCharacters(in: .whitespacesAndNewlines) == "True"
    }

    @Test(
        "a registration and a programme change reach the receiver signed, with ids and status and no personal data",
        .isolatedDatabase)
    func signedDeliveries() async throws {
        let token = try await makeToken(.organizer)
        let receiver = Receiver()
        try await Self.withReceiver(receiver) { url in
            try await withTestApp(configuration: Self.configuration()) { app in
                let api = Client(app, token: token)
                let forum = try await Fixtures.saidiaForum(using: api)
                let created = try await api.createWebhook(
                    body: .json(.init(url: url, kinds: [.registrationReceived, .sessionChanged], eventId: forum.event))
                ).created.body.json
                let secret = created.value2.secret
                #expect(secret.hasPrefix("whsec_"))
                let listed = try await api.listWebhooks().ok.body.json.items
                #expect(listed.map(\.id) == [created.value1.id])

                let registration = try await Client(app).createRegistration(
                    path: .init(eventId: forum.event),
                    body: .json(
                        .init(
                            fullName: "Leila Chraibi", email: "leila@example.ma", category: .citizen, mode: .inPerson,
                            consent: true))
                ).created.body.json
                let posts = try await receiver.waitFor(1)
                let post = posts[0]
                #expect(Self.verifies(post, secret: secret))
                #expect(!Self.verifies(post, secret: secret + "x"))
                #expect(try Self.readmeVerifies(post, secret: secret))
                #expect(post.headers["multaqa-event"] == "registration_received")
                #expect(post.headers["content-type"] == "application/json")
                let payload = try JSONDecoder().decode(Delivery.self, from: Data(post.body.utf8))
                #expect(payload.kind == "registration_received" && payload.eventId == forum.event)
                #expect(payload.data.registrationId == registration.value1.id && payload.data.status == "confirmed")
                #expect(!post.body.contains("leila") && !post.body.contains("Chraibi"))

                let midnight = try #require(ISO8601DateFormatter().date(from: forum.day + "T00:00:00Z"))
                _ = try await api.createSession(
                    path: .init(eventId: forum.event),
                    body: .json(
                        .init(
                            kind: .talk, title: .init(fr: "Clôture"), startsAt: midnight.addingTimeInterval(16 * 3600),
                            endsAt: midnight.addingTimeInterval(16.5 * 3600)))
                ).created
                let later = try await receiver.waitFor(2)
                #expect(later[1].headers["multaqa-event"] == "session_changed" && Self.verifies(later[1], secret: secret))

                // The worker marks a delivery sent once the receiver's answer is back: a moment
                // after the receiver has the post.
                let log = try await Self.waitForLog(api, webhook: created.value1.id) { log in
                    log.count == 2 && log.allSatisfy { $0.status == .sent }
                }
                #expect(log.count == 2 && log.allSatisfy { $0.status == .sent && $0.attempts == 1 && $0.lastStatus == 204 })
            }
        }
    }

    @Test(
        "a receiver that answers 500 three times gets the delivery on the fourth try, under the same delivery id",
        .isolatedDatabase)
    func retried() async throws {
        let token = try await makeToken(.organizer)
        let receiver = Receiver(refusals: 3)
        try await Self.withReceiver(receiver) { url in
            try await withTestApp(configuration: Self.configuration()) { app in
                let api = Client(app, token: token)
                let forum = try await Fixtures.saidiaForum(using: api)
                let webhook = try await api.createWebhook(body: .json(.init(url: url, kinds: [.registrationReceived])))
                    .created.body.json
                _ = try await Client(app).createRegistration(
                    path: .init(eventId: forum.event),
                    body: .json(
                        .init(
                            fullName: "Rachid Ouazzani", email: "rachid@example.ma", category: .citizen, mode: .inPerson,
                            consent: true))
                ).created
                let posts = try await receiver.waitFor(4)
                #expect(Set(posts.map { $0.headers["multaqa-delivery"] ?? "" }).count == 1)
                #expect(posts.allSatisfy { Self.verifies($0, secret: webhook.value2.secret) })
                let log = try await Self.waitForLog(api, webhook: webhook.value1.id) { $0.first?.status == .sent }
                #expect(log.count == 1 && log.first?.status == .sent && log.first?.attempts == 4 && log.first?.lastStatus == 204)
            }
        }
    }

    @Test(
        "without MULTAQA_WEBHOOK_ALLOW_PRIVATE, loopback and private receivers are refused, by address and by name, and at delivery",
        .isolatedDatabase)
    func privateRefused() async throws {
        let token = try await makeToken(.organizer)
        var closed = AppConfiguration.forTests
        closed.webhookAllowPrivate = false
        try await withTestApp(configuration: closed) { app in
            let api = Client(app, token: token)
            for url in [
                "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                "http://[::1]/hook", "http://169.254.169.254/latest/meta-data", "ftp://example.org/x",
            ] {
                let refused = try await api.createWebhook(body: .json(.init(url: url, kinds: [.registrationReceived])))
                guard case .default(let status, let problem) = refused else {
                    Issue.record("\(url) was accepted")
                    continue
                }
                #expect(status == 422, "\(url)")
                let detail = try problem.body.applicationProblemJson.detail ?? ""
                #expect(detail.contains("url"), "\(url): \(detail)")
            }
            #expect(try await api.listWebhooks().ok.body.json.items.isEmpty)
        }
        // Registered where it was allowed, delivered by a worker where it is not: refused then too.
        let receiver = Receiver()
        try await Self.withReceiver(receiver) { url in
            try await withTestApp(configuration: Self.configuration(allowPrivate: false)) { app in
                let api = Client(app, token: token)
                let forum = try await Fixtures.saidiaForum(using: api)
                let webhook = try await api.createWebhook(body: .json(.init(url: url, kinds: [.registrationReceived])))
                    .created.body.json
                _ = try await Client(app).createRegistration(
                    path: .init(eventId: forum.event),
                    body: .json(
                        .init(
                            fullName: "Samir Lahlou", email: "samir@example.ma", category: .citizen, mode: .inPerson,
                            consent: true))
                ).created
                let log = try await Self.waitForLog(api, webhook: webhook.value1.id) { ($0.first?.attempts ?? 0) >= 1 }
                #expect(log.first?.lastError?.contains("loopback") == true)
                #expect(await receiver.posts.isEmpty)
            }
        }
    }
}
