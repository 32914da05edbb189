import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MultaqaAPIClient
import MultaqaDomain
import MultaqaTestSupport
import Testing

/// Organizations through the contract's generated client. Raw requests stay where the client
/// cannot send what a test sends on purpose (malformed JSON, a kind the contract does not have,
/// another content type) and where a test reads the bytes (Arabic as stored).
@Suite("Organizations API")
struct OrganizationsTests {
    static let directorate = Components.Schemas.OrganizationCreate(
        name: .init(ar: "المديرية العامة للجماعات الترابية", fr: "Direction générale des collectivités territoriales"),
        acronym: "DGCT", kind: .ministry, country: "ma")

    static func create(_ api: Client) async throws -> Operations.CreateOrganization.Output {
        try await api.createOrganization(body: .json(Self.directorate))
    }

    /// The problem in a raw answer, decoded as the generated client decodes it.
    static func problem(_ response: TestResponse) throws -> Components.Schemas.Problem {
        try JSONDecoder().decode(Components.Schemas.Problem.self, from: Data(response.body.readableBytesView))
    }

    @Test("an organiser creates an organization; Arabic comes back byte for byte", .isolatedDatabase)
    func createAndRead() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let created = try await Self.create(Client(client, token: token))
            guard case .created(let answer) = created else {
                Issue.record("\(created)")
                return
            }
            #expect(answer.headers.eTag == #""v1""#)
            let organization = try answer.body.json
            #expect(organization.name.ar == "المديرية العامة للجماعات الترابية")
            #expect(organization.country == "MA")
            #expect(answer.headers.location == "/v1/organizations/\(organization.id)")
            // The stored text as bytes, not as a decoder gives it back.
            try await client.execute(uri: answer.headers.location, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("المديرية العامة للجماعات الترابية"))
                #expect(response.text.contains("Direction générale des collectivités territoriales"))
            }
        }
    }

    @Test("writes need a token (401) with the organizer role (403)", .isolatedDatabase)
    func access() async throws {
        let rapporteur = try await makeToken(.rapporteur)
        try await withTestApp { client in
            let anonymous = try await Self.create(Client(client))
            try expectProblem(in: anonymous, status: 401)
            #expect(Answer.problem(anonymous)?.1.headers.wwwAuthenticate == "Bearer")
            let forged = try await Self.create(Client(client, token: "mlq_" + String(repeating: "x", count: 40)))
            try expectProblem(in: forged, status: 401)
            try expectProblem(in: try await Self.create(Client(client, token: rapporteur)), status: 403)
        }
    }

    @Test("malformed JSON is 400; JSON that breaks the rules is 422 naming each field", .isolatedDatabase)
    func badInput() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = Client(client, token: token)
            // The client cannot write broken JSON: raw.
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(token), body: .json(#"{"name": {"#)
            ) { response in
                try expectProblem(response, status: 400)
            }
            let broken = try await api.createOrganization(
                body: .json(.init(name: .init(ar: "  "), acronym: "A\u{0}B", kind: .ministry, country: "Morocco")))
            let problem = try expectProblem(in: broken, status: 422)
            #expect(problem?.errors?.map(\.field) == ["name", "acronym", "country"])
            // Nor a kind the contract does not have, nor another content type: raw.
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(token),
                body: .json(#"{"name": {"fr": "X"}, "kind": "castle"}"#)
            ) { response in
                try expectProblem(response, status: 422)
                #expect(try Self.problem(response).errors?.map(\.field) == ["kind"])
            }
            var plain = HTTPFields.bearer(token, json: false)
            plain[.contentType] = "text/plain"
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: plain,
                body: ByteBuffer(bytes: try JSONEncoder().encode(Self.directorate))
            ) { response in
                try expectProblem(response, status: 415)
            }
            // Nothing partial was stored by any of the refused requests.
            #expect(try await Client(client).listOrganizations().ok.body.json.items.isEmpty)
        }
    }

    @Test("PATCH keeps absent fields, changes the ETag, and a stale If-Match gets 412", .isolatedDatabase)
    func update() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = Client(client, token: token)
            let id = try await Self.create(api).created.body.json.id
            let changed = try await api.updateOrganization(
                path: .init(organizationId: id), headers: .init(ifMatch: #""v1""#), body: .json(.init(acronym: "DGCT-MI")))
            guard case .ok(let ok) = changed else {
                Issue.record("\(changed)")
                return
            }
            #expect(ok.headers.eTag == #""v2""#)
            #expect(try ok.body.json.acronym == "DGCT-MI")
            #expect(try ok.body.json.name.ar == "المديرية العامة للجماعات الترابية")
            let stale = try await api.updateOrganization(
                path: .init(organizationId: id), headers: .init(ifMatch: #""v1""#), body: .json(.init(acronym: "LOST")))
            try expectProblem(in: stale, status: 412)
            let read = try await Client(client).getOrganization(path: .init(organizationId: id))
            #expect(try read.ok.body.json.acronym == "DGCT-MI")
        }
    }

    @Test("the list pages with a cursor and searches any language", .isolatedDatabase)
    func listing() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = Client(client, token: token)
            for index in 1...5 {
                let created = try await api.createOrganization(
                    body: .json(.init(name: .init(ar: "جماعة \(index)", fr: "Commune \(index)"), kind: .localAuthority)))
                #expect(Answer.statusCode(created) == 201)
            }
            let seen = try await Self.pages(Client(client))
            #expect(seen.count == 5)
            #expect(Set(seen).count == 5)

            let arabic = try await Client(client).listOrganizations(query: .init(q: "جماعة 3"))
            #expect(try arabic.ok.body.json.items.count == 1)
            let percent = try await Client(client).listOrganizations(query: .init(q: "%"))
            #expect(try percent.ok.body.json.items.isEmpty, "% is a character, not a wildcard")
            try expectProblem(in: try await Client(client).listOrganizations(query: .init(limit: 500)), status: 422)
        }
    }

    /// Every organization's id, two a page, following the cursors.
    static func pages(_ api: Client) async throws -> [String] {
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await api.listOrganizations(query: .init(cursor: cursor, limit: 2)).ok.body.json
            #expect(page.items.count <= 2)
            seen += page.items.map { $0.id }
            cursor = page.nextCursor
        } while cursor != nil
        return seen
    }

    @Test("DELETE removes it; then it is 404", .isolatedDatabase)
    func delete() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = Client(client, token: token)
            let path = Operations.DeleteOrganization.Input.Path(organizationId: try await Self.create(api).created.body.json.id)
            #expect(Answer.statusCode(try await api.deleteOrganization(path: path)) == 204)
            let read = try await Client(client).getOrganization(path: .init(organizationId: path.organizationId))
            try expectProblem(in: read, status: 404)
            try expectProblem(in: try await api.deleteOrganization(path: path), status: 404)
            let notAnID = try await Client(client).getOrganization(path: .init(organizationId: "not-an-id"))
            try expectProblem(in: notAnID, status: 404)
        }
    }
}
