import Foundation
import MultaqaDomain
import PostgresNIO

/// The outbox as a queue: notifications due now are taken by one worker at a time (rows locked
/// with SKIP LOCKED, so that instances share the queue without waiting for each other), and each
/// outcome is written in the transaction that held the row.
public struct NotificationStore: Sendable {
    /// A notification taken for sending.
    public struct Pending: Sendable {
        public let id: Int64
        public let kind: NotificationKind
        public let eventID: UUID
        public let registrationID: UUID?
        /// Attempts before this one.
        public let attempts: Int
        /// The manage token a confirmation carries, until it is sent.
        public let secret: String?
    }

    public enum Outcome: Sendable, Equatable {
        case sent
        /// Tried again later, unless this was the last attempt or `permanent`.
        case failed(String, permanent: Bool)
    }

    /// A notification as organisers see it.
    public struct Entry: Sendable, Equatable {
        public let id: Int64
        public let eventID: UUID
        public let registrationID: UUID?
        public let kind: NotificationKind
        public let status: NotificationStatus
        /// The address it goes to; nil once the registration's data is erased.
        public let recipient: String?
        public let attempts: Int
        public let createdAt: Date
        public let nextAttemptAt: Date?
        public let sentAt: Date?
        public let failedAt: Date?
        public let lastError: String?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Takes up to `limit` due notifications, hands them to `deliver` while their rows are held,
    /// and records what `deliver` says of each before the rows are released. A notification
    /// `deliver` says nothing of stays due. Returns how many were taken.
    @discardableResult
    public func deliverDue(
        limit: Int, policy: RetryPolicy,
        deliver: @escaping @Sendable ([Pending]) async -> [Int64: Outcome]
    ) async throws -> Int {
        try await database.client.withTransaction(logger: database.logger) { connection in
            let rows = try await connection.query(
                """
                SELECT id, kind, event_id, registration_id, attempts, secret FROM notification_outbox
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= clock_timestamp()
                ORDER BY next_attempt_at, id LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
                """, logger: database.logger)
            var pending: [Pending] = []
            for try await (id, kind, eventID, registrationID, attempts, secret) in rows.decode(
                (Int64, NotificationKind, UUID, UUID?, Int, String?).self)
            {
                pending.append(
                    Pending(
                        id: id, kind: kind, eventID: eventID, registrationID: registrationID, attempts: attempts,
                        secret: secret))
            }
            guard !pending.isEmpty else { return 0 }
            let outcomes = await deliver(pending)
            let sent = pending.filter { outcomes[$0.id] == .sent }.map(\.id)
            if !sent.isEmpty {
                // The token leaves the database with the mail that carries it.
                _ = try await connection.query(
                    """
                    UPDATE notification_outbox SET sent_at = clock_timestamp(), secret = NULL,
                        attempts = attempts + 1, last_error = NULL
                    WHERE id = ANY(\(sent))
                    """, logger: database.logger
                ).collect()
            }
            for row in pending {
                guard case .failed(let reason, let permanent) = outcomes[row.id] else { continue }
                let attempts = row.attempts + 1
                let final = permanent || attempts >= policy.maximumAttempts
                _ = try await connection.query(
                    """
                    UPDATE notification_outbox SET attempts = \(attempts), last_error = \(String(reason.prefix(1000))),
                        failed_at = CASE WHEN \(final) THEN clock_timestamp() END,
                        -- A mail that will not leave does not keep its token: a retry goes without
                        -- the link ("send me my link again" makes a new one).
                        secret = CASE WHEN \(final) THEN NULL ELSE secret END,
                        next_attempt_at = clock_timestamp() + make_interval(secs => \(policy.delay(afterFailures: attempts)))
                    WHERE id = \(row.id)
                    """, logger: database.logger
                ).collect()
            }
            return pending.count
        }
    }

    /// Writes the reminders due at `now`: one per confirmed registration of a published event
    /// that starts tomorrow in its own time zone, once it is `hour` o'clock there. The unique index
    /// on reminders makes this safe to run from every instance, as often as wanted. Returns how
    /// many were written.
    @discardableResult
    public func scheduleReminders(at now: Date, fromHour hour: Int) async throws -> Int {
        let rows = try await database.client.query(
            """
            INSERT INTO notification_outbox (event_id, registration_id, kind)
            SELECT r.event_id, r.id, 'event_reminder'
            FROM events e JOIN registrations r ON r.event_id = e.id
            WHERE e.status = 'published' AND e.starts_at > \(now) AND e.starts_at < \(now) + interval '2 days'
              AND (e.starts_at AT TIME ZONE e.timezone)::date = (\(now)::timestamptz AT TIME ZONE e.timezone)::date + 1
              AND extract(hour FROM \(now)::timestamptz AT TIME ZONE e.timezone) >= \(hour)
              AND r.status = 'confirmed' AND r.erased_at IS NULL
            ON CONFLICT DO NOTHING
            RETURNING id
            """, logger: database.logger)
        return try await rows.collect().count
    }

    static let columns = """
        o.id, o.event_id, o.registration_id, o.kind,
        CASE WHEN o.sent_at IS NOT NULL THEN 'sent' WHEN o.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END,
        r.email, o.attempts, o.created_at,
        CASE WHEN o.sent_at IS NULL AND o.failed_at IS NULL THEN o.next_attempt_at END,
        o.sent_at, o.failed_at, o.last_error
        """

    /// An event's notifications, newest first, `after` the id of the last one of the page before.
    public func list(eventID: UUID, status: NotificationStatus?, after: Int64?, limit: Int) async throws -> [Entry] {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns)
            FROM notification_outbox o LEFT JOIN registrations r ON r.id = o.registration_id
            WHERE o.event_id = \(eventID) AND (\(after)::bigint IS NULL OR o.id < \(after))
              AND (\(status)::text IS NULL OR \(status) = CASE WHEN o.sent_at IS NOT NULL THEN 'sent'
                   WHEN o.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END)
            ORDER BY o.id DESC LIMIT \(limit)
            """, logger: database.logger)
        return try await rows.collect().map(Self.entry)
    }

    public func find(id: Int64) async throws -> Entry {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns)
            FROM notification_outbox o LEFT JOIN registrations r ON r.id = o.registration_id WHERE o.id = \(id)
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "notification") }
        return try Self.entry(row)
    }

    /// A failed notification is due again, with all its attempts.
    public func retry(id: Int64) async throws -> Entry {
        let rows = try await database.client.query(
            """
            UPDATE notification_outbox SET failed_at = NULL, attempts = 0, next_attempt_at = clock_timestamp()
            WHERE id = \(id) AND failed_at IS NOT NULL RETURNING id
            """, logger: database.logger)
        guard try await rows.collect().first != nil else {
            let entry = try await find(id: id)
            throw DomainError.conflict(
                rule: "notification_not_failed",
                detail: "only a failed notification can be sent again; this one is \(entry.status.rawValue)")
        }
        return try await find(id: id)
    }

    static func entry(_ row: PostgresRow) throws -> Entry {
        var cells = Cells(row)
        return Entry(
            id: try cells.next(), eventID: try cells.next(), registrationID: try cells.next(), kind: try cells.next(),
            status: try cells.next(), recipient: try cells.next(), attempts: try cells.next(), createdAt: try cells.next(),
            nextAttemptAt: try cells.next(), sentAt: try cells.next(), failedAt: try cells.next(),
            lastError: try cells.next())
    }
}
