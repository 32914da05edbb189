import Foundation
import MultaqaDomain
import PostgresNIO

/// Recordings, streams and other media hosted elsewhere. When the public sees a link is
/// worked out by the database (`media_link_windows`), from the times of its session or event.
public struct MediaLinkStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = """
        l.id, l.event_id, l.session_id, l.kind, l.title_ar, l.title_fr, l.title_en, l.url, l.language, l.published_at,
        w.shown_from, w.shown_until, l.created_at, l.updated_at, l.row_version
        """

    static func link(_ row: PostgresRow) throws -> MediaLink {
        var cells = Cells(row)
        return MediaLink(
            id: try cells.next(), eventID: try cells.next(), sessionID: try cells.next(),
            kind: try cells.next(), title: try cells.localized(),
            url: try cells.next(), language: try cells.next(), publishedAt: try cells.next(), shownFrom: try cells.next(),
            shownUntil: try cells.next(), createdAt: try cells.next(), updatedAt: try cells.next(), version: try cells.next())
    }

    public func create(_ link: MediaLink) async throws -> MediaLink {
        let l = link
        let rows = try await database.client.query(
            """
            INSERT INTO media_links (id, event_id, session_id, kind, title_ar, title_fr, title_en, url, language, published_at)
            VALUES (\(l.id), \(l.eventID), \(l.sessionID), \(l.kind), \(l.title.ar), \(l.title.fr), \(l.title.en),
                \(l.url), \(l.language), \(l.publishedAt))
            RETURNING id
            """, logger: database.logger
        ).collect()
        guard rows.first != nil else { throw DomainError.notFound(resource: "link") }
        return try await find(id: l.id)
    }

    public func find(id: UUID) async throws -> MediaLink {
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.columns) FROM media_links l JOIN media_link_windows w ON w.id = l.id WHERE l.id = \(id)",
            logger: database.logger
        ).collect()
        guard let row = rows.first else { throw DomainError.notFound(resource: "link") }
        return try Self.link(row)
    }

    /// An event's links in the order of their windows; `shownOnly`: those the public sees now.
    public func list(eventID: UUID, shownOnly: Bool) async throws -> [MediaLink] {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM media_links l JOIN media_link_windows w ON w.id = l.id
            WHERE l.event_id = \(eventID)
              AND (NOT \(shownOnly) OR (w.shown_from <= now() AND (w.shown_until IS NULL OR w.shown_until > now())))
            ORDER BY w.shown_from, l.id
            """, logger: database.logger)
        return try await rows.collect().map(Self.link)
    }

    public func save(_ link: MediaLink, expectedVersion: Int?) async throws -> MediaLink {
        let l = link
        let rows = try await database.client.query(
            """
            UPDATE media_links SET session_id = \(l.sessionID), kind = \(l.kind), title_ar = \(l.title.ar),
                title_fr = \(l.title.fr), title_en = \(l.title.en), url = \(l.url), language = \(l.language),
                published_at = \(l.publishedAt)
            WHERE id = \(l.id) AND (\(expectedVersion)::integer IS NULL OR row_version = \(expectedVersion))
            RETURNING id
            """, logger: database.logger
        ).collect()
        guard rows.first != nil else {
            _ = try await find(id: l.id)
            throw DomainError.staleVersion(detail: "the link changed since version \(expectedVersion ?? 0)")
        }
        return try await find(id: l.id)
    }

    public func delete(id: UUID) async throws {
        let rows = try await database.client.query(
            "DELETE FROM media_links WHERE id = \(id) RETURNING id", logger: database.logger
        ).collect()
        guard rows.first != nil else { throw DomainError.notFound(resource: "link") }
    }
}
