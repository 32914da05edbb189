import Foundation
import MultaqaDomain
import PostgresNIO

/// The record of personal-data use. Records are written only beside the read or the erasure they
/// record, on that statement's connection and in its transaction (`record(_:…on:)`), so that no
/// export leaves without its record; the table itself refuses any change afterwards.
public struct AuditStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Records `use` of `people` people's data in `eventID`, in the transaction `connection` is in.
    static func record(
        _ use: AuditedUse, eventID: UUID, people: Int, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let detail = try detailJSON(use.detail)
        _ = try await connection.query(
            """
            INSERT INTO audit_records (actor, token_id, action, event_id, event_slug, people, detail)
            SELECT \(use.actor.name), \(use.actor.tokenID), \(use.action), id, slug, \(people), \(detail)::jsonb
            FROM events WHERE id = \(eventID)
            """, logger: logger
        ).collect()
    }

    /// A record's terms as stored (jsonb), keys in order, so that the same terms are the same
    /// text whoever writes them: an export here, a purge in `multaqa_purge_event`.
    static func detailJSON(_ detail: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(detail), as: UTF8.self)
    }

    /// Runs `read` and records `use` of the people it returns in one transaction: the export's
    /// read and its record commit together or not at all.
    static func recorded<Item: Sendable>(
        _ use: AuditedUse, eventID: UUID, database: Database, count: @escaping @Sendable ([Item]) -> Int = { $0.count },
        _ read: @escaping @Sendable (PostgresConnection) async throws -> [Item]
    ) async throws -> [Item] {
        try await database.client.withTransaction(logger: database.logger) { connection in
            let items = try await read(connection)
            try await record(use, eventID: eventID, people: count(items), on: connection, logger: database.logger)
            return items
        }
    }

    /// Newest first; `after`: the id of the last record of the previous page.
    public func list(eventID: UUID?, action: AuditAction?, after: Int64?, limit: Int) async throws -> [AuditRecord] {
        let rows = try await database.client.query(
            """
            SELECT id, recorded_at, actor, token_id, action, event_id, event_slug, people, detail::text
            FROM audit_records
            WHERE (\(eventID)::uuid IS NULL OR event_id = \(eventID))
              AND (\(action)::text IS NULL OR action = \(action))
              AND (\(after)::bigint IS NULL OR id < \(after))
            ORDER BY id DESC LIMIT \(limit)
            """, logger: database.logger)
        var records: [AuditRecord] = []
        for try await (id, at, actor, token, action, event, slug, people, detail) in rows.decode(
            (Int64, Date, String, UUID?, AuditAction, UUID, String, Int, String).self)
        {
            records.append(
                AuditRecord(
                    id: id, recordedAt: at, actor: AuditActor(name: actor, tokenID: token), action: action, eventID: event,
                    eventSlug: slug, people: people,
                    detail: try JSONDecoder().decode([String: String].self, from: Data(detail.utf8))))
        }
        return records
    }
}
