import Foundation
import MultaqaDomain
import PostgresNIO

/// Recommendations, their history and their follow-up.
public struct RecommendationStore: Sendable {
    public struct Filter: Sendable {
        public var statuses: [Recommendation.Status]
        public var eventID: UUID?
        public var ownerID: UUID?
        public var axis: String?
        public var seriesID: UUID?
        public var overdueOn: String?
        /// Sessions whose recommendations are visible whatever their status (a rapporteur's own).
        public var ownSessions: [UUID] = []
        /// Organisers see the recommendations of draft events too.
        public var includeDraftEvents = false

        public init(
            statuses: [Recommendation.Status], eventID: UUID? = nil, ownerID: UUID? = nil, axis: String? = nil,
            seriesID: UUID? = nil, overdueOn: String? = nil
        ) {
            self.statuses = statuses
            self.eventID = eventID
            self.ownerID = ownerID
            self.axis = axis
            self.seriesID = seriesID
            self.overdueOn = overdueOn
        }
    }

    public struct Summary: Sendable, Equatable {
        public var total = 0
        public var byStatus: [String: Int] = [:]
        public var byAxis: [String: Int] = [:]
        public var bySession: [String: Int] = [:]
        public var byOwner: [String: Int] = [:]
        public var implementedShare: Double = 0
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = """
        id, event_id, number, session_id, text_ar, text_fr, text_en, rationale_ar, rationale_fr, rationale_en, axis,
        actor_ids, actor_kinds, owner_id, priority, due_date::text, tags, status, progress, merged_into, created_by,
        created_at, updated_at, row_version
        """

    /// A new draft with the next number of its event, and the first line of its history, in one
    /// statement.
    public func create(_ recommendation: Recommendation, actor: String) async throws -> Recommendation {
        let r = recommendation
        let rows = try await database.client.query(
            """
            WITH counter AS (
                INSERT INTO recommendation_counters AS c (event_id, last) VALUES (\(r.eventID), 1)
                ON CONFLICT (event_id) DO UPDATE SET last = c.last + 1
                RETURNING last
            ), created AS (
                INSERT INTO recommendations (event_id, number, session_id, text_ar, text_fr, text_en, rationale_ar,
                    rationale_fr, rationale_en, axis, actor_ids, actor_kinds, owner_id, priority, due_date, tags,
                    created_by)
                SELECT \(r.eventID), counter.last, \(r.sessionID), \(r.text.ar), \(r.text.fr), \(r.text.en),
                    \(r.rationale.ar), \(r.rationale.fr), \(r.rationale.en), \(r.axis), \(r.actorIDs),
                    \(r.actorKinds), \(r.ownerID), \(r.priority), \(r.dueDate)::date,
                    \(r.tags), \(actor)
                FROM counter
                RETURNING \(unescaped: Self.columns)
            ), history AS (
                INSERT INTO recommendation_history (recommendation_id, from_status, to_status, actor)
                SELECT id, NULL, 'draft', \(actor) FROM created
            )
            SELECT \(unescaped: Self.columns) FROM created
            """, logger: database.logger)
        return try await Self.one(rows)
    }

    public func find(id: UUID) async throws -> Recommendation {
        try await Self.one(
            database.client.query(
                "SELECT \(unescaped: Self.columns) FROM recommendations WHERE id = \(id)", logger: database.logger))
    }

    /// Recommendations across events, ordered by event start then number; `after` is the last id
    /// of the previous page.
    public func list(_ filter: Filter, after: UUID?, limit: Int) async throws -> [Recommendation] {
        let own = filter.ownSessions
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.qualifiedColumns) FROM recommendations r JOIN events e ON e.id = r.event_id
            WHERE (r.status = ANY(\(filter.statuses)) OR r.session_id = ANY(\(own)))
              AND (e.status <> 'draft' OR \(filter.includeDraftEvents) OR r.session_id = ANY(\(own)))
              AND (\(filter.eventID)::uuid IS NULL OR r.event_id = \(filter.eventID))
              AND (\(filter.ownerID)::uuid IS NULL OR r.owner_id = \(filter.ownerID))
              AND (\(filter.axis)::text IS NULL OR lower(r.axis) = lower(\(filter.axis)))
              AND (\(filter.seriesID)::uuid IS NULL OR e.series_id = \(filter.seriesID))
              AND (\(filter.overdueOn)::date IS NULL OR (r.due_date < \(filter.overdueOn)::date
                   AND r.status IN ('adopted', 'in_progress')))
              AND (\(after)::uuid IS NULL OR (e.starts_at, r.event_id, r.number) > (
                    SELECT pe.starts_at, p.event_id, p.number FROM recommendations p JOIN events pe ON pe.id = p.event_id
                    WHERE p.id = \(after)))
            ORDER BY e.starts_at, r.event_id, r.number
            LIMIT \(limit)
            """, logger: database.logger)
        return try await rows.collect().map(Self.recommendation)
    }

    static let qualifiedColumns = columns.split(separator: ",").map { column in
        let name = column.trimmingCharacters(in: .whitespacesAndNewlines)
        return "r." + name
    }.joined(separator: ", ")

    /// Writes the editable fields of a recommendation still at `expectedVersion`.
    public func save(_ recommendation: Recommendation, expectedVersion: Int) async throws -> Recommendation {
        let r = recommendation
        let rows = try await database.client.query(
            """
            UPDATE recommendations SET session_id = \(r.sessionID), text_ar = \(r.text.ar), text_fr = \(r.text.fr),
                text_en = \(r.text.en), rationale_ar = \(r.rationale.ar), rationale_fr = \(r.rationale.fr),
                rationale_en = \(r.rationale.en), axis = \(r.axis), actor_ids = \(r.actorIDs),
                actor_kinds = \(r.actorKinds), owner_id = \(r.ownerID), priority = \(r.priority),
                due_date = \(r.dueDate)::date, tags = \(r.tags)
            WHERE id = \(r.id) AND row_version = \(expectedVersion)
            RETURNING \(unescaped: Self.columns)
            """, logger: database.logger
        ).collect()
        guard let row = rows.first else {
            _ = try await find(id: r.id)
            throw DomainError.staleVersion(detail: "the recommendation changed since version \(expectedVersion)")
        }
        return try Self.recommendation(row)
    }

    /// Moves a recommendation along its lifecycle, if it is still in the state the move was
    /// decided from, and records the change, in one statement.
    public func transition(
        _ moved: Recommendation, from: Recommendation.Status, note: String?, actor: String
    ) async throws -> Recommendation {
        let rows = try await database.client.query(
            """
            WITH moved AS (
                UPDATE recommendations SET status = \(moved.status), progress = \(moved.progress),
                    merged_into = \(moved.mergedInto)
                WHERE id = \(moved.id) AND status = \(from)
                RETURNING \(unescaped: Self.columns)
            ), history AS (
                INSERT INTO recommendation_history (recommendation_id, from_status, to_status, progress, note, actor)
                SELECT id, \(from), status, progress, \(note), \(actor) FROM moved
            )
            SELECT \(unescaped: Self.columns) FROM moved
            """, logger: database.logger
        ).collect()
        guard let row = rows.first else {
            throw DomainError.conflict(
                rule: "recommendation_changed", detail: "the recommendation is no longer \(from.rawValue); read it again")
        }
        return try Self.recommendation(row)
    }

    public func deleteDraft(id: UUID) async throws {
        let rows = try await database.client.query(
            "DELETE FROM recommendations WHERE id = \(id) AND status = 'draft' RETURNING id", logger: database.logger
        ).collect()
        guard rows.first != nil else {
            let current = try await find(id: id)
            throw DomainError.conflict(
                rule: "recommendations_delete_drafts_only",
                detail: "only a draft can be deleted; this one is \(current.status.rawValue)")
        }
    }

    public func history(id: UUID) async throws -> [RecommendationChange] {
        let rows = try await database.client.query(
            """
            SELECT from_status, to_status, progress, note, actor, at FROM recommendation_history
            WHERE recommendation_id = \(id) ORDER BY id
            """, logger: database.logger)
        return try await rows.collect().map { row in
            let (from, to, progress, note, actor, at) = try row.decode(
                (Recommendation.Status?, Recommendation.Status, Int?, String?, String, Date).self)
            return RecommendationChange(from: from, to: to, progress: progress, note: note, actor: actor, at: at)
        }
    }

    /// Counts of an event's recommendations by status, axis, workshop and owner; `statuses`
    /// limits what is counted (the public sees adopted and later only).
    public func summary(eventID: UUID, statuses: [Recommendation.Status]) async throws -> Summary {
        var summary = Summary()
        let rows = try await database.client.query(
            """
            WITH r AS (SELECT * FROM recommendations WHERE event_id = \(eventID) AND status = ANY(\(statuses)))
            SELECT 'status', status, count(*) FROM r GROUP BY status
            UNION ALL SELECT 'axis', coalesce(axis, ''), count(*) FROM r GROUP BY axis
            UNION ALL SELECT 'session', coalesce(session_id::text, 'plenary'), count(*) FROM r GROUP BY session_id
            UNION ALL SELECT 'owner', coalesce(owner_id::text, ''), count(*) FROM r GROUP BY owner_id
            """, logger: database.logger)
        for (dimension, key, count) in try rows.decode((String, String, Int).self) {
            switch dimension {
            case "status":
                summary.byStatus[key] = count
                summary.total += count
            case "axis": summary.byAxis[key.isEmpty ? "none" : key] = count
            case "session": summary.bySession[key] = count
            default: summary.byOwner[key.isEmpty ? "none" : key] = count
            }
        }
        // The share implemented, of what was adopted (adopted, in progress or implemented).
        let adopted = ["adopted", "in_progress", "implemented"].reduce(0) { $0 + (summary.byStatus[$1] ?? 0) }
        summary.implementedShare = adopted == 0 ? 0 : Double(summary.byStatus["implemented"] ?? 0) / Double(adopted)
        return summary
    }

    /// The sessions of an event where a person is coordinator or rapporteur: the workshops a
    /// rapporteur token may draft recommendations for.
    public func draftableSessions(personID: UUID, eventID: UUID?) async throws -> [UUID] {
        let rows = try await database.client.query(
            """
            SELECT session_id FROM session_participants
            WHERE person_id = \(personID) AND role IN ('coordinator', 'rapporteur')
              AND (\(eventID)::uuid IS NULL OR event_id = \(eventID))
            """, logger: database.logger)
        return try await rows.collect().map { try $0.decode(UUID.self) }
    }

    /// The names of organizations, for reports.
    public func organizationNames(_ ids: [UUID]) async throws -> [UUID: LocalizedText] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.client.query(
            "SELECT id, name_ar, name_fr, name_en FROM organizations WHERE id = ANY(\(Array(Set(ids))))",
            logger: database.logger)
        var names: [UUID: LocalizedText] = [:]
        for (id, ar, fr, en) in try rows.decode((UUID, String?, String?, String?).self) {
            names[id] = LocalizedText(ar: ar, fr: fr, en: en)
        }
        return names
    }

    /// The organizations of `ids` that do not exist.
    public func unknownOrganizations(_ ids: [UUID]) async throws -> [UUID] {
        guard !ids.isEmpty else { return [] }
        let rows = try await database.client.query(
            "SELECT id FROM organizations WHERE id = ANY(\(ids))", logger: database.logger)
        let known = Set(try await rows.collect().map { try $0.decode(UUID.self) })
        return ids.filter { !known.contains($0) }
    }

    private static func one(_ rows: DatabaseClient.Rows) async throws -> Recommendation {
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "recommendation") }
        return try recommendation(row)
    }

    static func recommendation(_ row: PostgresRow) throws -> Recommendation {
        var cells = Cells(row)
        return Recommendation(
            id: try cells.next(), eventID: try cells.next(), number: try cells.next(), sessionID: try cells.next(),
            text: try cells.localized(), rationale: try cells.localized(), axis: try cells.next(),
            actorIDs: try cells.next(),
            actorKinds: try cells.next(),
            ownerID: try cells.next(),
            priority: try cells.next(),
            dueDate: try cells.next(), tags: try cells.next(),
            status: try cells.next(),
            progress: Int(try cells.next(Int16.self)), mergedInto: try cells.next(), createdBy: try cells.next(),
            createdAt: try cells.next(), updatedAt: try cells.next(), version: try cells.next())
    }
}
