import Foundation
import MultaqaDomain
import PostgresNIO

/// Personal data kept no longer than needed: which events are past their retention period, and
/// the erasure of an event's registrations' personal data (`multaqa_purge_event`), recorded in
/// the same transaction.
public struct RetentionStore: Sendable {
    /// An event whose registrations still hold personal data.
    public struct Holding: Sendable, Equatable {
        public let eventID: UUID
        public let slug: String
        public let endsAt: Date
        /// The event's own period; nil: the service's default.
        public let retentionDays: Int?
        /// Registrations that still hold personal data.
        public let registrations: Int
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Erases the personal data of `eventID`'s registrations, keeps what statistics need, and
    /// records it; returns how many registrations were erased.
    public func purge(eventID: UUID, by actor: AuditActor, detail: [String: String] = [:]) async throws -> Int {
        let detail = try AuditStore.detailJSON(detail)
        let rows = try await database.client.query(
            "SELECT multaqa_purge_event(\(eventID), \(actor.name), \(actor.tokenID), \(detail)::jsonb)",
            logger: database.logger)
        guard let erased = try await rows.collect().first else { return 0 }
        return try erased.decode(Int.self)
    }

    /// One event's registrations that still hold personal data (what a purge would erase).
    public func holding(eventID: UUID) async throws -> Holding {
        guard let holding = try await holdings(eventID: eventID, dueAt: nil, defaultDays: nil).first else {
            throw DomainError.notFound(resource: "event")
        }
        return holding
    }

    /// Events past their retention period at `now` (the event's own period, else `defaultDays`;
    /// never without either) whose registrations still hold personal data, longest past first.
    public func due(defaultDays: Int?, now: Date = Date()) async throws -> [Holding] {
        try await holdings(eventID: nil, dueAt: now, defaultDays: defaultDays)
    }

    private func holdings(eventID: UUID?, dueAt: Date?, defaultDays: Int?) async throws -> [Holding] {
        let rows = try await database.client.query(
            """
            SELECT e.id, e.slug, e.ends_at, s.retention_days,
                   (SELECT count(*)::integer FROM registrations r WHERE r.event_id = e.id AND r.erased_at IS NULL)
            FROM events e LEFT JOIN registration_settings s ON s.event_id = e.id
            WHERE (\(eventID)::uuid IS NULL OR e.id = \(eventID))
              AND (\(dueAt)::timestamptz IS NULL OR (
                    e.ends_at + make_interval(days => coalesce(s.retention_days, \(defaultDays)::integer)) < \(dueAt)
                    AND EXISTS (SELECT 1 FROM registrations q WHERE q.event_id = e.id AND q.erased_at IS NULL)))
            ORDER BY e.ends_at, e.id
            """, logger: database.logger)
        var holdings: [Holding] = []
        for try await (id, slug, endsAt, days, registrations) in rows.decode((UUID, String, Date, Int?, Int).self) {
            holdings.append(
                Holding(eventID: id, slug: slug, endsAt: endsAt, retentionDays: days, registrations: registrations))
        }
        return holdings
    }
}
