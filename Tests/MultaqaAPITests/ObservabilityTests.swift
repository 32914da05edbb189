import Foundation
import HTTPTypes
import MultaqaDomain
import MultaqaTestSupport
import Testing

/// What operators see: /metrics, and logs that hold no secret and no personal data.
@Suite("Observability")
struct ObservabilityTests {
    @Test("registrations and requests show in /metrics; logs at trace level keep tokens, emails and names out", .isolatedDatabase)
    func metricsAndLogs() async throws {
        let token = try await makeToken(.organizer)
        let logs = CapturedLogs()
        try await withTestApp(logger: logs.logger) { client in
            let api = TestAPI(client: client, token: token)
            let now = Date()
            let formatter = ISO8601DateFormatter()
            let event = try await api.post(
                "/v1/events",
                #"{"slug": "forum-metrics", "kind": "forum", "format": "in_person", "title": {"fr": "Forum"}, "timezone": "Africa/Casablanca", "startsAt": "\#(formatter.string(from: now + 86400 * 30))", "endsAt": "\#(formatter.string(from: now + 86400 * 31))", "venue": {"name": "Saïdia"}}"#
            )
            #expect(event.status == .created, "\(event.body)")
            #expect(try await api.patch("/v1/events/\(event.id)", #"{"status": "published"}"#).status == .ok)
            #expect(
                try await api.put(
                    "/v1/events/\(event.id)/registration-settings",
                    #"{"capacities": [{"mode": "in_person", "capacity": 1}], "waitlist": false}"#
                ).status == .ok)
            let email = "secret.person@example.org"
            let name = "اسم سري للغاية"
            let first = try await api.anonymous().post(
                "/v1/events/\(event.id)/registrations",
                #"{"fullName": "\#(name)", "email": "\#(email)", "phone": "+212600000001", "category": "elected_official", "mode": "in_person", "consent": true}"#
            )
            #expect(first.status == .created, "\(first.body)")
            let manageToken = try #require(first.json["manageToken"] as? String)
            let full = try await api.anonymous().post(
                "/v1/events/\(event.id)/registrations",
                #"{"fullName": "Autre", "email": "other@example.org", "category": "elected_official", "mode": "in_person", "consent": true}"#
            )
            #expect(full.status == .conflict)
            #expect(try await TestAPI(client: client, token: manageToken).get("/v1/registrations/\(first.id)").status == .ok)
            #expect(try await api.get("/v1/registrations/\(first.id)?token=\(manageToken)").status == .ok)

            let metrics = try await api.anonymous().get("/metrics")
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
