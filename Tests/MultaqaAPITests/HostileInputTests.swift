import Foundation
import HTTPTypes
import MultaqaDomain
import MultaqaTestSupport
import Testing

/// Text that people type, and text that attackers type, survives or is refused cleanly: never a
/// 5xx, never altered (4 and 9).
@Suite("Hostile and unusual input")
struct HostileInputTests {
    static let kept: [String] = [
        "Robert'); DROP TABLE organizations;--",
        #"quote " and backslash \ and $1 and %_ wildcards"#,
        "\u{200F}نص من اليمين إلى اليسار\u{200E} mixed RTL",
        "emoji 🇲🇦🤝🇫🇷 and ZWJ 👩‍👩‍👧",
        "<script>alert('x')</script>",
        String(repeating: "ب", count: 300),
    ]

    @Test("stored text comes back byte for byte", .isolatedDatabase, arguments: kept)
    func keeps(text: String) async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let body = try JSONSerialization.data(withJSONObject: ["name": ["ar": text], "kind": "association"])
            let created = try await api.post("/v1/organizations", String(decoding: body, as: UTF8.self))
            #expect(created.status == .created, "\(created.body)")
            let read = try await api.get("/v1/organizations/\(created.id)")
            let name = (read.json["name"] as? [String: Any])?["ar"] as? String
            #expect(name?.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars) == true)
        }
    }

    @Test("NUL, control characters and over-long text are 422 naming the field, never 5xx", .isolatedDatabase)
    func refuses() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let cases: [(String, String)] = [
                (#"{"name": {"fr": "a\u0000b"}, "kind": "agency"}"#, "name.fr"),
                (#"{"name": {"fr": "bell\u0007"}, "kind": "agency"}"#, "name.fr"),
                (#"{"name": {"fr": "\#(String(repeating: "x", count: 10_000))"}, "kind": "agency"}"#, "name.fr"),
                (#"{"name": {"fr": "ok"}, "kind": "agency", "acronym": "\#(String(repeating: "y", count: 31))"}"#, "acronym"),
                (#"{"name": {"fr": "ok"}, "kind": "agency", "unexpected": 1}"#, "unexpected"),
                (#"{"name": {"fr": 12}, "kind": "agency"}"#, "name.fr"),
            ]
            for (body, field) in cases {
                let reply = try await api.post("/v1/organizations", body)
                #expect(reply.status == .unprocessableContent, "\(field): \(reply.body.prefix(200))")
                let fields = (reply.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
                #expect(fields.contains(field), "\(fields)")
                #expect(!reply.body.contains("SQL") && !reply.body.contains("PSQLError"))
            }
            // A long description is text, within its documented limit.
            let long = String(repeating: "توصية ", count: 1_600)
            let event = try await api.post(
                "/v1/events",
                #"{"slug": "long", "kind": "meeting", "format": "virtual", "title": {"ar": "عنوان"}, "description": {"ar": "\#(long)\n\#(long)"}, "timezone": "Africa/Casablanca", "startsAt": "2022-03-25T08:00:00Z", "endsAt": "2022-03-25T18:00:00Z", "online": {"platform": "Zoom"}}"#
            )
            #expect(event.status == .unprocessableContent, "over 10,000 characters")
            let fits = try await api.post(
                "/v1/events",
                #"{"slug": "long", "kind": "meeting", "format": "virtual", "title": {"ar": "عنوان"}, "description": {"ar": "\#(long)\n\#(long.prefix(300))"}, "timezone": "Africa/Casablanca", "startsAt": "2022-03-25T08:00:00Z", "endsAt": "2022-03-25T18:00:00Z", "online": {"platform": "Zoom"}}"#
            )
            #expect(fits.status == .created, "\(fits.body.prefix(300))")
        }
    }
}

/// What contract fuzzing found: NULs in query parameters, paths and codes, and numbers
/// past a column's range, reached PostgreSQL and came back as 500.
@Suite("Fuzzing findings")
struct FuzzingFindingsTests {
    @Test("NUL in filters, slugs and codes, and out-of-range display orders, are refused as 4xx", .isolatedDatabase)
    func refusedCleanly() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await DocumentsTests.meeting(api)
            let organization = try await api.post("/v1/organizations", #"{"name": {"fr": "Partenaire"}, "kind": "association"}"#)
            let person = try await api.post("/v1/people", #"{"fullName": {"fr": "Intervenant fictif"}}"#)
            let requests: [(HTTPRequest.Method, String, String?, HTTPResponse.Status)] = [
                (.get, "/v1/events/\(meeting.event)/registrations?collectivity=%00", nil, .unprocessableContent),
                (.get, "/v1/events/\(meeting.event)/registrations.csv?collectivity=%00", nil, .unprocessableContent),
                (.get, "/v1/collectivities?parent=%00", nil, .unprocessableContent),
                (.get, "/v1/events/%00", nil, .notFound),
                (.get, "/v1/events/x%00/sessions", nil, .notFound),
                (
                    .put, "/v1/events/\(meeting.event)/partners/\(organization.id)",
                    #"{"role": "host", "displayOrder": 2147483648}"#, .unprocessableContent
                ),
                (
                    .put, "/v1/events/\(meeting.event)/sessions/\(meeting.closing)/participants/\(person.id)",
                    #"{"role": "speaker", "displayOrder": -1}"#, .unprocessableContent
                ),
                (
                    .post, "/v1/events/\(meeting.event)/registrations",
                    #"{"fullName": "Test", "email": "t@example.org", "category": "citizen", "mode": "in_person", "consent": true, "invitationCode": "A\u0000B"}"#,
                    .unprocessableContent
                ),
            ]
            for (method, uri, body, expected) in requests {
                let reply = try await api.request(method, uri, body)
                #expect(reply.status == expected, "\(method) \(uri): \(reply.status) \(reply.body)")
                #expect(reply.headers[.contentType] == "application/problem+json")
            }
        }
    }
}
