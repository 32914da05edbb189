import Foundation
import HTTPTypes
import MultaqaAPIClient
import MultaqaTestSupport
import Testing

/// What operators see: /metrics, and logs that hold no secret and no personal data.
@Suite("Observability")
struct ObservabilityTests {
    @Test("registrations and requests show in /metrics; logs at trace level keep tokens, emails and names out", .isolatedDatabase)
    func metricsAndLogs() async throws {
        let token = try await makeToken(.organizer)
        let logs = CapturedLogs()
        try await withTestApp(logger: logs.logger) { app in
            let api = Client(app, token: token)
            let anonymous = Client(app)
            let now = Date()
            let event = try await api.createEvent(
                body: .json(
                    .init(
                        slug: "forum-metrics", kind: .forum, format: .inPerson, title: .init(fr: "Forum"),
                        timezone: "Africa/Casablanca", startsAt: now + 86400 * 30, endsAt: now + 86400 * 31,
                        venue: .init(name: "Saïdia")))
            ).created.body.json.id
            _ = try await api.updateEvent(path: .init(eventId: event), body: .json(.init(status: .published))).ok
            let settings = try await api.putRegistrationSettings(
                path: .init(eventId: event),
                body: .json(.init(waitlist: false, capacities: [.init(mode: .inPerson, capacity: 1)]))
            )
            #expect(Answer.statusCode(settings) == 200, "\(settings)")
            let email = "secret.person@example.org"
            let name = "اسم سري للغاية"
            let first = try await anonymous.createRegistration(
                path: .init(eventId: event),
                body: .json(
                    .init(
                        fullName: name, email: email, phone: "+212600000001", category: .electedOfficial, mode: .inPerson,
                        consent: true))
            ).created.body.json
            let registration = first.value1.id
            let manageToken = first.value2.manageToken
            let full = try await anonymous.createRegistration(
                path: .init(eventId: event),
                body: .json(
                    .init(
                        fullName: "Autre", email: "other@example.org", category: .electedOfficial, mode: .inPerson, consent: true)
                )
            )
            try expectProblem(in: full, status: 409)
            let own = try await Client(app, token: manageToken).getRegistration(path: .init(registrationId: registration))
            #expect(try own.ok.body.json.id == registration)
            // A token in the query string must stay out of the logs too; the contract has no such
            // parameter, so this request goes out raw.
            let raw = TestAPI(client: app, token: token)
            #expect(try await raw.get("/v1/registrations/\(registration)?token=\(manageToken)").status == .ok)

            // The client matches the Content-Type's type and subtype only; Prometheus needs its
            // version parameter too, so the raw answer is read.
            let metrics = try await raw.anonymous().get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(metrics.body.contains(#"multaqa_registrations_total{outcome="confirmed"}"#))
            #expect(metrics.body.contains(#"multaqa_registrations_total{outcome="event_full"}"#))
            #expect(
                metrics.body.contains(
                    #"hb_requests{http_route="/v1/events/{eventId}/registrations",http_request_method="POST",http_response_status_code="201"}"#
                ))
            #expect(metrics.body.contains("http_server_request_duration_bucket{"))
            #expect(metrics.body.contains("multaqa_db_connections_max 8"))

            let written = logs.all.joined(separator: "\n")
            #expect(written.contains("request"))
            for secret in [token, manageToken, email, name, "+212600000001", "Bearer"] {
                #expect(!written.contains(secret), "the logs hold \(secret)")
            }
        }
    }
}
