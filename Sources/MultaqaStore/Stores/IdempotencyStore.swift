import Foundation
import MultaqaDomain
import PostgresNIO

/// The answers kept for `Idempotency-Key`: a retry of a registration gets the first
/// answer again for 24 hours, whichever instance it reaches.
public struct IdempotencyStore: Sendable {
    public enum Claim: Sendable {
        /// This request is the first with the key: run it, then `complete` or `release`.
        case claimed
        /// The first request finished: send its answer again.
        case replay(status: Int, headers: [String: String], body: Data)
        /// The first request made its registration but its answer was never kept (the service
        /// died in between): answer with that registration instead of registering again.
        case recorded(registrationID: UUID, manageToken: String)
        /// The same key came with another request.
        case mismatch
        /// The first request with the key is still running.
        case inProgress
    }

    /// A request's key: the operation and path it was sent to, and the key the client chose.
    public struct Key: Sendable, Equatable {
        public let scope: String
        public let key: String

        public init(scope: String, key: String) {
            self.scope = scope
            self.key = key
        }
    }

    public static let retention: TimeInterval = 24 * 3600
    /// A claim whose request died (the process was killed) is taken over after this long.
    static let lease = 30

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func claim(scope: String, key: String, requestHash: Data) async throws -> Claim {
        let claimed = try await database.client.query(
            """
            INSERT INTO idempotency_keys AS k (scope, key, request_hash, locked_until)
            VALUES (\(scope), \(key), \(requestHash), clock_timestamp() + make_interval(secs => \(Self.lease)))
            ON CONFLICT (scope, key) DO UPDATE SET
                request_hash = excluded.request_hash, locked_until = excluded.locked_until,
                status = NULL, headers = NULL, body = NULL, registration_id = NULL, manage_token = NULL,
                created_at = clock_timestamp()
            WHERE k.created_at < clock_timestamp() - interval '24 hours'
               OR (k.status IS NULL AND k.registration_id IS NULL AND k.locked_until < clock_timestamp()
                   AND k.request_hash = excluded.request_hash)
            RETURNING 1
            """, logger: database.logger
        ).collect()
        if !claimed.isEmpty { return .claimed }
        let rows = try await database.client.query(
            """
            SELECT request_hash, status, headers::text, body, registration_id, manage_token
            FROM idempotency_keys WHERE scope = \(scope) AND key = \(key)
            """,
            logger: database.logger
        ).collect()
        guard
            let (hash, status, headers, body, registrationID, manageToken) = try rows.first?.decode(
                (Data, Int?, String?, Data?, UUID?, String?).self)
        else {
            // Expired and removed between the two statements: claim afresh.
            return try await claim(scope: scope, key: key, requestHash: requestHash)
        }
        guard hash == requestHash else { return .mismatch }
        guard let status else {
            if let registrationID, let manageToken {
                return .recorded(registrationID: registrationID, manageToken: manageToken)
            }
            return .inProgress
        }
        let fields = headers.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
        return .replay(status: status, headers: fields, body: body ?? Data())
    }

    public func complete(scope: String, key: String, status: Int, headers: [String: String], body: Data) async throws {
        let json = String(decoding: try JSONEncoder().encode(headers), as: UTF8.self)
        _ = try await database.client.query(
            """
            UPDATE idempotency_keys SET status = \(status), headers = \(json)::jsonb, body = \(body)
            WHERE scope = \(scope) AND key = \(key) AND status IS NULL
            """, logger: database.logger
        ).collect()
    }

    /// Forgets a claim whose request failed on the server's side (5xx): a retry runs it again.
    /// A claim whose registration was made is kept: a retry answers with that registration.
    public func release(scope: String, key: String) async throws {
        _ = try await database.client.query(
            """
            DELETE FROM idempotency_keys
            WHERE scope = \(scope) AND key = \(key) AND status IS NULL AND registration_id IS NULL
            """,
            logger: database.logger
        ).collect()
    }

    /// Removes answers older than the retention; run now and then by the service.
    public func purgeExpired() async throws {
        _ = try await database.client.query(
            "DELETE FROM idempotency_keys WHERE created_at < clock_timestamp() - interval '24 hours'",
            logger: database.logger
        ).collect()
    }
}
