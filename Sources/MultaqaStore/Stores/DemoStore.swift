import Foundation
import PostgresNIO

/// Removal of the built-in demo's meetings (`multaqa demo load --reset`): everything the
/// demo made for its events, and the people who take part in those events only.
public struct DemoStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func remove(slugs: [String], fictionalDomain: String) async throws {
        let pattern = "%@" + LikePattern.escape(fictionalDomain)
        try await database.client.withTransaction(logger: database.logger) { connection in
            // People who take part in the demo's events only; gathered before the events go.
            _ = try await connection.query(
                """
                CREATE TEMPORARY TABLE demo_people ON COMMIT DROP AS
                SELECT DISTINCT p.person_id AS id FROM session_participants p JOIN events e ON e.id = p.event_id
                WHERE e.slug = ANY(\(slugs))
                  AND NOT EXISTS (SELECT 1 FROM session_participants o JOIN events oe ON oe.id = o.event_id
                                  WHERE o.person_id = p.person_id AND NOT oe.slug = ANY(\(slugs)))
                """, logger: database.logger
            ).collect()
            // Recommendations merged into others first, then the rest (merges refer to them).
            _ = try await connection.query(
                """
                DELETE FROM recommendations WHERE status = 'merged'
                  AND event_id IN (SELECT id FROM events WHERE slug = ANY(\(slugs)))
                """, logger: database.logger
            ).collect()
            _ = try await connection.query(
                "DELETE FROM recommendations WHERE event_id IN (SELECT id FROM events WHERE slug = ANY(\(slugs)))",
                logger: database.logger
            ).collect()
            _ = try await connection.query(
                "DELETE FROM registrations WHERE event_id IN (SELECT id FROM events WHERE slug = ANY(\(slugs)))",
                logger: database.logger
            ).collect()
            _ = try await connection.query(
                "DELETE FROM events WHERE slug = ANY(\(slugs))", logger: database.logger
            ).collect()
            _ = try await connection.query(
                """
                DELETE FROM people WHERE id IN (SELECT id FROM demo_people)
                   OR (email LIKE \(pattern) AND NOT EXISTS (SELECT 1 FROM session_participants s WHERE s.person_id = people.id))
                """, logger: database.logger
            ).collect()
        }
    }
}
