import Foundation
import MultaqaAPIClient
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
        try await withTestApp { app in
            let api = Client(app, token: token)
            let created = try await api.createOrganization(body: .json(.init(name: .init(ar: text), kind: .association)))
                .created.body.json.id
            let name = try await api.getOrganization(path: .init(organizationId: created)).ok.body.json.name.ar
            #expect(name?.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars) == true)
        }
    }

    /// Whether a refusal leaks the database's words, anywhere in its text.
    static func leaksSQL(_ text: String) -> Bool {
        text.contains("SQL") || text.contains("PSQLError")
    }

    @Test("NUL, control characters and over-long text are 422 naming the field, never 5xx", .isolatedDatabase)
    func refuses() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let cases: [(Components.Schemas.OrganizationCreate, String)] = [
                (.init(name: .init(fr: "a\u{0}b"), kind: .agency), "name.fr"),
                (.init(name: .init(fr: "bell\u{7}"), kind: .agency), "name.fr"),
                (.init(name: .init(fr: String(repeating: "x", count: 10_000)), kind: .agency), "name.fr"),
                (.init(name: .init(fr: "ok"), acronym: String(repeating: "y", count: 31), kind: .agency), "acronym"),
            ]
            for (body, field) in cases {
                let refused = try await api.createOrganization(body: .json(body))
                let problem = try expectProblem(in: refused, status: 422)
                let fields = problem?.errors?.map(\.field) ?? []
                #expect(fields.contains(field), "\(fields)")
                let text = String(decoding: try JSONEncoder().encode(problem), as: UTF8.self)
                #expect(!Self.leaksSQL(text), "\(text.prefix(200))")
            }
            // A member the contract does not have, and a number for a text: bodies the typed
            // client cannot write, so they go out raw.
            let raw = TestAPI(client: app, token: token)
            let malformed: [(String, String)] = [
                (#"{"name": {"fr": "ok"}, "kind": "agency", "unexpected": 1}"#, "unexpected"),
                (#"{"name": {"fr": 12}, "kind": "agency"}"#, "name.fr"),
            ]
            for (body, field) in malformed {
                let reply = try await raw.post("/v1/organizations", body)
                #expect(reply.status == .unprocessableContent, "\(field): \(reply.body.prefix(200))")
                let problem = try JSONDecoder().decode(Components.Schemas.Problem.self, from: Data(reply.body.utf8))
                let fields = problem.errors?.map(\.field) ?? []
                #expect(fields.contains(field), "\(fields)")
                #expect(!Self.leaksSQL(reply.body))
            }
            // A long description is text, within its documented limit.
            let long = String(repeating: "توصية ", count: 1_600)
            func event(description: String) -> Components.Schemas.EventCreate {
                // 2022-03-25T08:00:00Z to 18:00.
                let start = Date(timeIntervalSince1970: 1_648_195_200)
                return .init(
                    slug: "long", kind: .meeting, format: .virtual, title: .init(ar: "عنوان"),
                    description: .init(ar: description),
                    timezone: "Africa/Casablanca", startsAt: start, endsAt: start.addingTimeInterval(10 * 3600),
                    online: .init(platform: "Zoom"))
            }
            // Over 10,000 characters.
            let tooLong = try await api.createEvent(body: .json(event(description: "\(long)\n\(long)")))
            try expectProblem(in: tooLong, status: 422)
            let fits = try await api.createEvent(body: .json(event(description: "\(long)\n\(long.prefix(300))")))
            #expect(Answer.statusCode(fits) == 201, "\(fits)")
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
        try await withTestApp { app in
            let api = Client(app, token: token)
            let meeting = try await MediaLinksTests.meeting(api)
            let organization = try await api.createOrganization(
                body: .json(.init(name: .init(fr: "Partenaire"), kind: .association))
            ).created.body.json.id
            let person = try await api.createPerson(body: .json(.init(fullName: .init(fr: "Intervenant fictif")))).created.body
                .json.id
            // The client percent-encodes a NUL in a query or a path as %00, as the fuzzer sent it.
            let nul = "\u{0}"
            try expectProblem(
                in: try await api.listRegistrations(path: .init(eventId: meeting.event), query: .init(collectivity: nul)),
                status: 422)
            try expectProblem(
                in: try await api.exportRegistrations(path: .init(eventId: meeting.event), query: .init(collectivity: nul)),
                status: 422)
            try expectProblem(in: try await api.listCollectivities(query: .init(parent: nul)), status: 422)
            try expectProblem(in: try await api.getEvent(path: .init(eventId: nul)), status: 404)
            try expectProblem(in: try await api.listSessions(path: .init(eventId: "x\(nul)")), status: 404)
            try expectProblem(
                in: try await api.putPartner(
                    path: .init(eventId: meeting.event, organizationId: organization),
                    body: .json(.init(role: .host, displayOrder: 2_147_483_648))),
                status: 422)
            try expectProblem(
                in: try await api.putParticipant(
                    path: .init(eventId: meeting.event, sessionId: meeting.closing, personId: person),
                    body: .json(.init(role: .speaker, displayOrder: -1))),
                status: 422)
            try expectProblem(
                in: try await api.createRegistration(
                    path: .init(eventId: meeting.event),
                    body: .json(
                        .init(
                            fullName: "Test", email: "t@example.org", category: .citizen, mode: .inPerson, consent: true,
                            invitationCode: "A\(nul)B"))),
                status: 422)
        }
    }
}
