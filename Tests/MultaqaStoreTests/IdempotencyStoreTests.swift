import Foundation
import MultaqaTestSupport
import Testing

@testable import MultaqaStore

@Suite("Idempotency keys")
struct IdempotencyStoreTests {
    @Test(
        "first claim runs; a retry while it runs is told so; another body is a mismatch; a finished one replays",
        .isolatedDatabase)
    func lifecycle() async throws {
        try await TestDatabase.current!.withDatabase { database in
            let store = IdempotencyStore(database: database)
            let hash = Data(repeating: 1, count: 32)
            guard case .claimed = try await store.claim(scope: "POST /x", key: "k1", requestHash: hash) else {
                Issue.record("the first request must claim the key")
                return
            }
            guard case .inProgress = try await store.claim(scope: "POST /x", key: "k1", requestHash: hash) else {
                Issue.record("a retry during the first request must be told it is in progress")
                return
            }
            guard case .mismatch = try await store.claim(scope: "POST /x", key: "k1", requestHash: Data(repeating: 2, count: 32))
            else {
                Issue.record("another body with the same key must be a mismatch")
                return
            }
            try await store.complete(
                scope: "POST /x", key: "k1", status: 201, headers: ["Location": "/v1/registrations/1"], body: Data("{}".utf8))
            guard
                case .replay(let status, let headers, let body) = try await store.claim(
                    scope: "POST /x", key: "k1", requestHash: hash)
            else {
                Issue.record("a finished request must replay")
                return
            }
            #expect(status == 201 && headers["Location"] == "/v1/registrations/1" && body == Data("{}".utf8))
            // The same key in another scope (another event) is another key.
            guard case .claimed = try await store.claim(scope: "POST /y", key: "k1", requestHash: hash) else {
                Issue.record("keys are scoped by path")
                return
            }
            // A claim released after a server fault can be taken again; an expired answer is forgotten.
            try await store.release(scope: "POST /y", key: "k1")
            guard case .claimed = try await store.claim(scope: "POST /y", key: "k1", requestHash: hash) else {
                Issue.record("a released key must be claimable again")
                return
            }
            _ = try await database.client.query(
                "UPDATE idempotency_keys SET created_at = now() - interval '25 hours'", logger: database.logger
            ).collect()
            try await store.purgeExpired()
            let left = try await database.client.query("SELECT count(*) FROM idempotency_keys", logger: database.logger)
                .collect().first?.decode(Int.self)
            #expect(left == 0)
        }
    }
}
