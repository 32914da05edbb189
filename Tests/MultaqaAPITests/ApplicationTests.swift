import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MultaqaAPI
import MultaqaAPIClient
import MultaqaStore
import MultaqaTestSupport
import Testing

@Suite("Application: health, contract and problem responses")
struct ApplicationTests {
    @Test("liveness answers 200", .isolatedDatabase)
    func liveness() async throws {
        try await withTestApp { app in
            let health = try await Client(app).getLiveness().ok.body.json
            #expect(health.status == .ok)
        }
    }

    @Test("HEAD answers like GET without a body", .isolatedDatabase)
    func head() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/openapi.yaml", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("readiness answers 200 when the database answers", .isolatedDatabase)
    func readinessUp() async throws {
        try await withTestApp { app in
            let health = try await Client(app).getReadiness().ok.body.json
            #expect(health.database == .ok)
        }
    }

    @Test("readiness answers 503 problem+json quickly when the database is unreachable")
    func readinessDown() async throws {
        // A port nobody listens on: the pool cannot connect.
        let unreachable = TestDatabase(
            name: "none",
            endpoint: DatabaseEndpoint(host: "127.0.0.1", port: 1, username: "x", password: nil, database: "x"))
        try await withTestApp(database: unreachable) { client in
            let started = ContinuousClock.now
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[.retryAfter] != nil)
                let problem = try response.problem()
                #expect(problem.status == 503)
            }
            // Far below PostgresNIO's own minute of queueing, and far above what a loaded machine
            // adds to the two-second lease timeout: an answer, not a hang. How prompt it is,
            // bench/faults measures.
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test("the OpenAPI 3.1 contract is served", .isolatedDatabase)
    func servesContract() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
                #expect(response.text.hasPrefix("openapi: 3.1"))
            }
        }
    }

    @Test("an unknown route is a 404 problem", .isolatedDatabase)
    func unknownRoute() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/no/such/route", method: .get) { response in
                try expectProblem(response, status: 404)
                let problem = try response.problem()
                #expect(problem.detail == "no route matches GET /no/such/route")
            }
        }
    }

    @Test("a known path with another method is a 405 problem with Allow", .isolatedDatabase)
    func methodNotAllowed() async throws {
        try await withTestApp { client in
            try await client.execute(uri: "/health/live", method: .delete) { response in
                try expectProblem(response, status: 405)
                #expect(response.headers[.allow] == "GET")
            }
        }
    }

    @Test("a body over the limit is a 413 problem", .isolatedDatabase)
    func bodyTooLarge() async throws {
        let body = ByteBuffer(repeating: UInt8(ascii: "a"), count: 2 << 20)
        try await withTestApp { client in
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: [.contentType: "application/json"], body: body
            ) { response in
                try expectProblem(response, status: 413)
            }
        }
    }

    @Test("the request id is echoed when sane and generated otherwise", .isolatedDatabase)
    func requestID() async throws {
        let requestID = HTTPField.Name("X-Request-Id")!
        try await withTestApp { client in
            try await client.execute(uri: "/health/live", method: .get, headers: [requestID: "abc-123"]) { response in
                #expect(response.headers[requestID] == "abc-123")
            }
            try await client.execute(uri: "/nowhere", method: .get, headers: [requestID: "bad id\u{7}"]) { response in
                let generated = try #require(response.headers[requestID])
                #expect(generated != "bad id\u{7}")
                let problem = try response.problem()
                #expect(problem.requestId == generated)
            }
        }
    }
}

/// Every error of the API is RFC 9457 problem+json with the members clients rely on.
func expectProblem(_ response: TestResponse, status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status.code == status, sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
    // Decoding as the contract's problem checks that `type`, `title` and `status` are there.
    let problem = try response.problem()
    #expect(problem.status == status, sourceLocation: sourceLocation)
    #expect(problem.requestId != nil, sourceLocation: sourceLocation)
}
