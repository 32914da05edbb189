import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MultaqaDomain
import MultaqaTestSupport
import Testing

@Suite("Organizations API")
struct OrganizationsTests {
    static let directorate = #"""
        {"name": {"ar": "المديرية العامة للجماعات الترابية", "fr": "Direction générale des collectivités territoriales"},
         "acronym": "DGCT", "kind": "ministry", "country": "ma"}
        """#

    @Test("an organiser creates an organization; Arabic comes back byte for byte", .isolatedDatabase)
    func createAndRead() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let location = try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(token), body: .json(Self.directorate)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[.eTag] == #""v1""#)
                let name = response.json["name"] as? [String: Any]
                #expect(name?["ar"] as? String == "المديرية العامة للجماعات الترابية")
                #expect(response.json["country"] as? String == "MA")
                return try #require(response.headers[.location])
            }
            try await client.execute(uri: location, method: .get) { response in
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
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: [.contentType: "application/json"],
                body: .json(Self.directorate)
            ) { response in
                try expectProblem(response, status: 401)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer("mlq_" + String(repeating: "x", count: 40)),
                body: .json(Self.directorate)
            ) { response in
                try expectProblem(response, status: 401)
            }
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(rapporteur), body: .json(Self.directorate)
            ) { response in
                try expectProblem(response, status: 403)
            }
        }
    }

    @Test("malformed JSON is 400; JSON that breaks the rules is 422 naming each field", .isolatedDatabase)
    func badInput() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(token), body: .json(#"{"name": {"#)
            ) { response in
                try expectProblem(response, status: 400)
            }
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(token),
                body: .json(#"{"name": {"ar": "  "}, "kind": "ministry", "country": "Morocco", "acronym": "A\u0000B"}"#)
            ) { response in
                try expectProblem(response, status: 422)
                let fields = (response.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
                #expect(fields == ["name", "acronym", "country"])
            }
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(token),
                body: .json(#"{"name": {"fr": "X"}, "kind": "castle"}"#)
            ) { response in
                try expectProblem(response, status: 422)
                let fields = (response.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
                #expect(fields == ["kind"])
            }
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(token, json: false) + [.contentType: "text/plain"],
                body: .json(Self.directorate)
            ) { response in
                try expectProblem(response, status: 415)
            }
            // Nothing partial was stored by any of the refused requests.
            try await client.execute(uri: "/v1/organizations", method: .get) { response in
                #expect((response.json["items"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test("PATCH keeps absent fields, changes the ETag, and a stale If-Match gets 412", .isolatedDatabase)
    func update() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let location = try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(token), body: .json(Self.directorate)
            ) { try #require($0.headers[.location]) }
            try await client.execute(
                uri: location, method: .patch, headers: .bearer(token) + [.ifMatch: #""v1""#],
                body: .json(#"{"acronym": "DGCT-MI"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == #""v2""#)
                #expect(response.json["acronym"] as? String == "DGCT-MI")
                #expect((response.json["name"] as? [String: Any])?["ar"] as? String == "المديرية العامة للجماعات الترابية")
            }
            try await client.execute(
                uri: location, method: .patch, headers: .bearer(token) + [.ifMatch: #""v1""#],
                body: .json(#"{"acronym": "LOST"}"#)
            ) { response in
                try expectProblem(response, status: 412)
            }
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.json["acronym"] as? String == "DGCT-MI")
            }
        }
    }

    @Test("the list pages with a cursor and searches any language", .isolatedDatabase)
    func listing() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            for index in 1...5 {
                let body = #"{"name": {"fr": "Commune \#(index)", "ar": "جماعة \#(index)"}, "kind": "local_authority"}"#
                try await client.execute(uri: "/v1/organizations", method: .post, headers: .bearer(token), body: .json(body)) {
                    #expect($0.status == .created)
                }
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/v1/organizations?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                cursor = try await client.execute(uri: uri, method: .get) { response in
                    let items = response.json["items"] as? [[String: Any]] ?? []
                    #expect(items.count <= 2)
                    seen += items.compactMap { $0["id"] as? String }
                    return response.json["nextCursor"] as? String
                }
            } while cursor != nil
            #expect(seen.count == 5)
            #expect(Set(seen).count == 5)

            let query = "جماعة 3".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            try await client.execute(uri: "/v1/organizations?q=\(query)", method: .get) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1)
            }
            try await client.execute(uri: "/v1/organizations?q=%25", method: .get) { response in
                #expect((response.json["items"] as? [Any])?.isEmpty == true, "% is a character, not a wildcard")
            }
            try await client.execute(uri: "/v1/organizations?limit=500", method: .get) { response in
                try expectProblem(response, status: 422)
            }
        }
    }

    @Test("DELETE removes it; then it is 404", .isolatedDatabase)
    func delete() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let location = try await client.execute(
                uri: "/v1/organizations", method: .post, headers: .bearer(token), body: .json(Self.directorate)
            ) { try #require($0.headers[.location]) }
            try await client.execute(uri: location, method: .delete, headers: .bearer(token)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: location, method: .get) { response in
                try expectProblem(response, status: 404)
            }
            try await client.execute(uri: location, method: .delete, headers: .bearer(token)) { response in
                try expectProblem(response, status: 404)
            }
            try await client.execute(uri: "/v1/organizations/not-an-id", method: .get) { response in
                try expectProblem(response, status: 404)
            }
        }
    }
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var result = lhs
        for field in rhs { result[field.name] = field.value }
        return result
    }
}
