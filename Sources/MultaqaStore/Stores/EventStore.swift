import Foundation
import MultaqaDomain
import PostgresNIO

/// Events in PostgreSQL. An event is found by id or by slug.
public struct EventStore: Sendable {
    public struct Filter: Sendable {
        public var statuses: [Event.Status]
        public var format: Event.Format?
        public var from: Date?
        public var to: Date?
        public var search: String?

        public init(
            statuses: [Event.Status], format: Event.Format? = nil, from: Date? = nil, to: Date? = nil, search: String? = nil
        ) {
            self.statuses = statuses
            self.format = format
            self.from = from
            self.to = to
            self.search = search
        }
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(_ event: Event) async throws -> Event {
        let rows = try await database.client.query(
            """
            INSERT INTO events (slug, kind, format, title_ar, title_fr, title_en, theme_ar, theme_fr, theme_en,
                                description_ar, description_fr, description_en, timezone, starts_at, ends_at,
                                venue_name, venue_city, venue_address, online_platform, online_stream_url,
                                online_join_url, languages, interpretation, series_id, status)
            VALUES (\(event.slug), \(event.kind), \(event.format),
                    \(event.title.ar), \(event.title.fr), \(event.title.en),
                    \(event.theme.ar), \(event.theme.fr), \(event.theme.en),
                    \(event.description.ar), \(event.description.fr), \(event.description.en),
                    \(event.timezone), \(event.startsAt), \(event.endsAt),
                    \(event.venue.name), \(event.venue.city), \(event.venue.address),
                    \(event.online.platform), \(event.online.streamURL), \(event.online.joinURL),
                    \(event.languages), \(event.interpretation), \(event.seriesID), \(event.status))
            RETURNING \(unescaped: Self.columns)
            """, logger: database.logger)
        return try await Self.one(rows)
    }

    /// By id, or by slug when the reference is not an id.
    public func find(_ reference: String) async throws -> Event {
        let rows: DatabaseClient.Rows
        if let id = UUID(idText: reference) {
            rows = try await database.client.query(
                "SELECT \(unescaped: Self.columns) FROM events WHERE id = \(id)", logger: database.logger)
        } else {
            // What cannot be a slug names no event: no query (a NUL would not even reach the
            // table, PostgreSQL refuses it in text).
            guard Event.isSlug(reference.lowercased()) else { throw DomainError.notFound(resource: "event") }
            rows = try await database.client.query(
                "SELECT \(unescaped: Self.columns) FROM events WHERE slug = \(reference.lowercased())",
                logger: database.logger)
        }
        return try await Self.one(rows)
    }

    /// One page ordered by start then id; `after` is the position of the last event of the
    /// previous page.
    public func list(_ filter: Filter, after: (Date, UUID)?, limit: Int) async throws -> [Event] {
        let pattern = filter.search.map { "%" + LikePattern.escape($0) + "%" }
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM events
            WHERE status = ANY(\(filter.statuses))
              AND (\(filter.format)::text IS NULL OR format = \(filter.format))
              AND (\(filter.from)::timestamptz IS NULL OR ends_at >= \(filter.from))
              AND (\(filter.to)::timestamptz IS NULL OR starts_at <= \(filter.to))
              AND (\(pattern)::text IS NULL OR title_ar ILIKE \(pattern) OR title_fr ILIKE \(pattern)
                   OR title_en ILIKE \(pattern) OR slug ILIKE \(pattern))
              AND (\(after?.0)::timestamptz IS NULL OR (starts_at, id) > (\(after?.0), \(after?.1)))
            ORDER BY starts_at, id
            LIMIT \(limit)
            """, logger: database.logger)
        return try await rows.collect().map(Self.event)
    }

    /// Writes a whole, validated event if it is still at `expectedVersion` (412 otherwise).
    public func save(_ event: Event, expectedVersion: Int) async throws -> Event {
        let rows = try await database.client.query(
            """
            UPDATE events SET
                slug = \(event.slug), kind = \(event.kind), format = \(event.format),
                title_ar = \(event.title.ar), title_fr = \(event.title.fr), title_en = \(event.title.en),
                theme_ar = \(event.theme.ar), theme_fr = \(event.theme.fr), theme_en = \(event.theme.en),
                description_ar = \(event.description.ar), description_fr = \(event.description.fr),
                description_en = \(event.description.en), timezone = \(event.timezone),
                starts_at = \(event.startsAt), ends_at = \(event.endsAt), venue_name = \(event.venue.name),
                venue_city = \(event.venue.city), venue_address = \(event.venue.address),
                online_platform = \(event.online.platform), online_stream_url = \(event.online.streamURL),
                online_join_url = \(event.online.joinURL), languages = \(event.languages),
                interpretation = \(event.interpretation), series_id = \(event.seriesID),
                status = \(event.status)
            WHERE id = \(event.id) AND row_version = \(expectedVersion)
            RETURNING \(unescaped: Self.columns)
            """, logger: database.logger)
        guard let row = try await rows.collect().first else {
            _ = try await find(event.id.uuidString)
            throw DomainError.staleVersion(detail: "the event changed since version \(expectedVersion)")
        }
        return try Self.event(row)
    }

    /// Only drafts are deleted; a published event is cancelled instead, so that what attendees
    /// saw stays explainable.
    public func deleteDraft(id: UUID) async throws {
        let rows = try await database.client.query(
            "DELETE FROM events WHERE id = \(id) AND status = 'draft' RETURNING id", logger: database.logger)
        guard try await rows.collect().first != nil else {
            _ = try await find(id.uuidString)
            throw DomainError.conflict(
                rule: "events_delete_drafts_only", detail: "only a draft can be deleted; cancel a published event instead")
        }
    }

    static let columns = """
        id, slug, kind, format, title_ar, title_fr, title_en, theme_ar, theme_fr, theme_en,
        description_ar, description_fr, description_en, timezone, starts_at, ends_at,
        venue_name, venue_city, venue_address, online_platform, online_stream_url, online_join_url,
        languages, interpretation, series_id, status, created_at, updated_at, row_version
        """

    private static func one(_ rows: DatabaseClient.Rows) async throws -> Event {
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "event") }
        return try event(row)
    }

    static func event(_ row: PostgresRow) throws -> Event {
        var cells = Cells(row)
        let id: UUID = try cells.next()
        let slug: String = try cells.next()
        let kind: Event.Kind = try cells.next()
        let format: Event.Format = try cells.next()
        let title = try cells.localized()
        let theme = try cells.localized()
        let description = try cells.localized()
        let timezone: String = try cells.next()
        let startsAt: Date = try cells.next()
        let endsAt: Date = try cells.next()
        let venue = Event.Venue(name: try cells.next(), city: try cells.next(), address: try cells.next())
        let online = Event.Online(platform: try cells.next(), streamURL: try cells.next(), joinURL: try cells.next())
        return Event(
            id: id, slug: slug, kind: kind, format: format, title: title, theme: theme, description: description,
            timezone: timezone, startsAt: startsAt, endsAt: endsAt, venue: venue, online: online,
            languages: try cells.next(), interpretation: try cells.next(), seriesID: try cells.next(),
            status: try cells.next(), createdAt: try cells.next(),
            updatedAt: try cells.next(), version: try cells.next())
    }
}
