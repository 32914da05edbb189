import Foundation
import MultaqaDomain
import PostgresNIO

/// Webhook endpoints and their deliveries. Deliveries are written by triggers in the transaction
/// of each change (`sql/0010_webhooks.sql`) and taken for sending like the mail outbox: rows held
/// with SKIP LOCKED while they are posted, each outcome written before they are released.
public struct WebhookStore: Sendable {
    /// A delivery taken for posting, with its endpoint.
    public struct Pending: Sendable {
        public let id: Int64
        public let webhookID: UUID
        public let url: String
        public let secret: String
        public let kind: WebhookKind
        public let payload: String
        public let attempts: Int
    }

    public enum Outcome: Sendable, Equatable {
        case delivered(status: Int)
        /// `status`: the receiver's answer, nil when none came.
        case failed(status: Int?, reason: String)
    }

    /// A delivery as organisers see it in an endpoint's log.
    public struct Delivery: Sendable, Equatable {
        public let id: Int64
        public let kind: WebhookKind
        public let status: NotificationStatus
        public let attempts: Int
        public let createdAt: Date
        public let nextAttemptAt: Date?
        public let deliveredAt: Date?
        public let failedAt: Date?
        public let lastStatus: Int?
        public let lastError: String?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A new endpoint, and the secret it is signed with, shown this once.
    public func create(url: String, kinds: [WebhookKind], eventID: UUID?) async throws -> (Webhook, secret: String) {
        let secret = "whsec_" + ManageToken.generate().dropFirst(ManageToken.prefix.count)
        let rows = try await database.client.query(
            """
            INSERT INTO webhooks (url, kinds, event_id, secret) VALUES (\(url), \(kinds), \(eventID), \(secret))
            RETURNING id, url, kinds, event_id, created_at
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.unavailable(detail: "not stored; retry") }
        return (try Self.webhook(row), secret)
    }

    public func list() async throws -> [Webhook] {
        let rows = try await database.client.query(
            "SELECT id, url, kinds, event_id, created_at FROM webhooks ORDER BY created_at, id", logger: database.logger)
        return try await rows.collect().map(Self.webhook)
    }

    public func find(id: UUID) async throws -> Webhook {
        let rows = try await database.client.query(
            "SELECT id, url, kinds, event_id, created_at FROM webhooks WHERE id = \(id)", logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "webhook") }
        return try Self.webhook(row)
    }

    /// Removes the endpoint and its deliveries, sent or not.
    public func delete(id: UUID) async throws {
        let rows = try await database.client.query(
            "DELETE FROM webhooks WHERE id = \(id) RETURNING id", logger: database.logger)
        guard try await rows.collect().first != nil else { throw DomainError.notFound(resource: "webhook") }
    }

    /// An endpoint's deliveries, newest first, `after` the id of the last one of the page before.
    public func deliveries(webhookID: UUID, status: NotificationStatus?, after: Int64?, limit: Int) async throws -> [Delivery] {
        let rows = try await database.client.query(
            """
            SELECT id, kind,
                CASE WHEN delivered_at IS NOT NULL THEN 'sent' WHEN failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END,
                attempts, created_at, CASE WHEN delivered_at IS NULL AND failed_at IS NULL THEN next_attempt_at END,
                delivered_at, failed_at, last_status, last_error
            FROM webhook_deliveries
            WHERE webhook_id = \(webhookID) AND (\(after)::bigint IS NULL OR id < \(after))
              AND (\(status)::text IS NULL OR \(status) = CASE WHEN delivered_at IS NOT NULL THEN 'sent'
                   WHEN failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END)
            ORDER BY id DESC LIMIT \(limit)
            """, logger: database.logger)
        return try await rows.collect().map { row in
            var cells = Cells(row)
            return Delivery(
                id: try cells.next(), kind: try cells.next(), status: try cells.next(), attempts: try cells.next(),
                createdAt: try cells.next(), nextAttemptAt: try cells.next(), deliveredAt: try cells.next(),
                failedAt: try cells.next(), lastStatus: try cells.next(), lastError: try cells.next())
        }
    }

    /// Takes up to `limit` due deliveries, hands them to `post` while their rows are held, and
    /// records each outcome before the rows are released. Returns how many were taken.
    @discardableResult
    public func deliverDue(
        limit: Int, policy: RetryPolicy, post: @escaping @Sendable ([Pending]) async -> [Int64: Outcome]
    ) async throws -> Int {
        try await database.client.withTransaction(logger: database.logger) { connection in
            let rows = try await connection.query(
                """
                SELECT d.id, w.id, w.url, w.secret, d.kind, d.payload::text, d.attempts
                FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= clock_timestamp()
                ORDER BY d.next_attempt_at, d.id LIMIT \(limit)
                FOR UPDATE OF d SKIP LOCKED
                """, logger: database.logger)
            var pending: [Pending] = []
            for try await (id, webhookID, url, secret, kind, payload, attempts) in rows.decode(
                (Int64, UUID, String, String, WebhookKind, String, Int).self)
            {
                pending.append(
                    Pending(
                        id: id, webhookID: webhookID, url: url, secret: secret, kind: kind, payload: payload,
                        attempts: attempts))
            }
            guard !pending.isEmpty else { return 0 }
            let outcomes = await post(pending)
            for delivery in pending {
                let attempts = delivery.attempts + 1
                switch outcomes[delivery.id] {
                case .delivered(let status):
                    _ = try await connection.query(
                        """
                        UPDATE webhook_deliveries SET delivered_at = clock_timestamp(), attempts = \(attempts),
                            last_status = \(status), last_error = NULL
                        WHERE id = \(delivery.id)
                        """, logger: database.logger
                    ).collect()
                case .failed(let status, let reason):
                    let final = attempts >= policy.maximumAttempts
                    _ = try await connection.query(
                        """
                        UPDATE webhook_deliveries SET attempts = \(attempts), last_status = \(status),
                            last_error = \(String(reason.prefix(1000))),
                            failed_at = CASE WHEN \(final) THEN clock_timestamp() END,
                            next_attempt_at = clock_timestamp() + make_interval(secs => \(policy.delay(afterFailures: attempts)))
                        WHERE id = \(delivery.id)
                        """, logger: database.logger
                    ).collect()
                case nil:
                    continue
                }
            }
            return pending.count
        }
    }

    static func webhook(_ row: PostgresRow) throws -> Webhook {
        var cells = Cells(row)
        return Webhook(
            id: try cells.next(), url: try cells.next(), kinds: try cells.next(), eventID: try cells.next(),
            createdAt: try cells.next())
    }
}
