import HTTPTypes
import Logging
import MultaqaStore
import Testing

@testable import MultaqaAPI

/// Every operation the router serves has a policy and every policy an operation: a new operation
/// cannot slip past its rate limit, body limit or cache invalidation by being forgotten.
@Suite("Operation policies")
struct OperationPolicyTests {
    static func routes() throws -> Set<OperationPolicy.Route> {
        // The router is built as production builds it; nothing connects until a request runs.
        let endpoint = DatabaseEndpoint(host: "127.0.0.1", port: 9, username: "nobody", password: nil, database: "none")
        let router = try buildRouter(
            configuration: AppConfiguration(), database: Database(endpoint: endpoint, logger: Logger(label: "test")))
        return Set(
            router.routes.compactMap { route -> OperationPolicy.Route? in
                // The preflights of the public feeds, the contract itself and the public pages are
                // not operations of the contract.
                guard route.method != .options, route.path.description != "/openapi.yaml",
                    !PageRoutes.owns(route.path.description)
                else { return nil }
                return OperationPolicy.Route(method: route.method, path: route.path.description)
            })
    }

    @Test("the policy table and the routes of the contract are the same set")
    func exhaustive() throws {
        let routes = try Self.routes()
        let policies = Set(OperationPolicy.all.map(\.route))
        #expect(policies.count == OperationPolicy.all.count, "a route is listed twice")
        #expect(routes.subtracting(policies).isEmpty, "operations without a policy: \(routes.subtracting(policies))")
        #expect(policies.subtracting(routes).isEmpty, "policies of no operation: \(policies.subtracting(routes))")
    }

    @Test(
        "only registering, checking in and asking for one's link again are public writes; only registering is idempotent")
    func publicWrites() {
        let publicWrites = OperationPolicy.all.filter { $0.traits.contains(.publicWrite) }.map(\.operationID)
        #expect(Set(publicWrites) == ["createRegistration", "createCheckIn", "resendManageLink"])
        #expect(OperationPolicy.all.filter { $0.traits.contains(.idempotent) }.map(\.operationID) == ["createRegistration"])
        // Reads never change programs; what is not shown in a program does not drop the cache.
        #expect(!OperationPolicy.all.contains { $0.route.method == .get && $0.traits.contains(.changesPrograms) })
        #expect(
            OperationPolicy.of(.post, route: "/v1/events/{eventId}/registrations")?.traits.contains(.changesPrograms) == false)
        #expect(
            OperationPolicy.of(.patch, route: "/v1/events/{eventId}/sessions/{sessionId}")?.traits.contains(.changesPrograms)
                == true)
    }

    @Test("files stream; a document's metadata alone is read whole")
    func bodies() {
        #expect(OperationPolicy.of(.put, route: "/v1/documents/{documentId}/content")?.body == .streamed(overhead: 0))
        let create = OperationPolicy.of(.post, route: "/v1/events/{eventId}/documents")
        #expect(BodyLimitMiddleware.streamedUpload(create?.body, contentType: "multipart/form-data; boundary=x") == 1 << 20)
        #expect(BodyLimitMiddleware.streamedUpload(create?.body, contentType: "application/json") == nil)
        #expect(BodyLimitMiddleware.streamedUpload(nil, contentType: nil) == nil)
    }

    @Test(
        "a bearer header is read once into a credential",
        arguments: [
            (nil, Credential.none),
            ("Bearer mlq_" + String(repeating: "a", count: 40), .apiToken("mlq_" + String(repeating: "a", count: 40))),
            ("bearer  reg_" + String(repeating: "b", count: 40), .manageToken("reg_" + String(repeating: "b", count: 40))),
            ("Bearer something-else", .unrecognised),
            ("Basic dXNlcjpwYXNz", .unrecognised),
        ])
    func credentials(header: String?, expected: Credential) {
        #expect(Credential(authorization: header) == expected)
    }
}
