import Foundation
import MultaqaDomain
import MultaqaStore
import MultaqaTestSupport
import PostgresNIO
import Testing

/// The database client is where PostgreSQL's refusals become the domain's: a store, a handler or a
/// metric above it sees the rule that was broken, never an SQL state.
@Suite("Database errors at the client")
struct DatabaseErrorsTests {
    static func execute(_ sql: PostgresQuery, _ database: Database) async throws {
        _ = try await database.client.query(sql, logger: database.logger).collect()
    }

    @Test("constraints come back as the rules they name; a delete of a row still referred to says so", .isolatedDatabase)
    func constraints() async throws {
        try await TestDatabase.current!.withDatabase { database in
            let organizations = OrganizationStore(database: database)
            let ministry = try await organizations.create(
                OrganizationInput(
                    name: LocalizedText(ar: "وزارة الداخلية", fr: "Ministère de l'Intérieur"), kind: .ministry))
            _ = try await PersonStore(database: database).create(
                Person(fullName: LocalizedText(fr: "Nadia Alaoui"), organizationID: ministry.id))

            // A foreign key that fails on insert: the reference names nothing.
            let missing = await #expect(throws: DomainError.self) {
                try await Self.execute(
                    "INSERT INTO people (full_name_fr, organization_id) VALUES ('X', \(UUID()))", database)
            }
            #expect(missing == .validation([FieldViolation(field: "organizationId", message: "is not an existing organization")]))

            // The same key failing on delete: the row is still used.
            let used = await #expect(throws: DomainError.self) { try await organizations.delete(id: ministry.id) }
            #expect(used?.isConflict(rule: "people_organization_fk") == true)
            #expect(used == .conflict(rule: "people_organization_fk", detail: "people are affiliated with the organization"))

            // A unique constraint inside a transaction: unwrapped from PostgresNIO's wrapper.
            let slug = await #expect(throws: DomainError.self) {
                try await database.client.withTransaction(logger: database.logger) { connection in
                    for _ in 0..<2 {
                        _ = try await connection.query(
                            """
                            INSERT INTO events (slug, kind, format, title_fr, online_platform, timezone, starts_at, ends_at)
                            VALUES ('twice', 'workshop', 'virtual', 'Deux fois', 'Zoom', 'Africa/Casablanca', now(), now() + interval '1 day')
                            """, logger: database.logger
                        ).collect()
                    }
                }
            }
            #expect(slug == .conflict(rule: "events_slug_unique", detail: "another event already uses this slug"))
            let stored = try await database.client.query(
                "SELECT count(*) FROM events WHERE slug = 'twice'", logger: database.logger
            )
            .collect().first?.decode(Int.self)
            #expect(stored == 0)
        }
    }

    @Test("a statement that lost to a concurrent transaction runs again when asked, and is 503 when not", .isolatedDatabase)
    func lostToConcurrentTransaction() async throws {
        try await TestDatabase.current!.withDatabase { database in
            // Fails as a deadlock victim twice, then succeeds: what a deadlock looks like to the
            // statement that PostgreSQL chose to roll back.
            try await Self.execute("CREATE SEQUENCE victim_attempts", database)
            try await Self.execute(
                """
                CREATE FUNCTION deadlock_victim() RETURNS bigint LANGUAGE plpgsql AS $$
                DECLARE n bigint := nextval('victim_attempts');
                BEGIN
                    IF n % 3 <> 0 THEN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END IF;
                    RETURN n;
                END $$
                """, database)
            let third = try await database.client.query("SELECT deadlock_victim()", logger: database.logger, attempts: 4)
                .collect().first?.decode(Int.self)
            #expect(third == 3)

            let once = await #expect(throws: DomainError.self) {
                try await database.client.query("SELECT deadlock_victim()", logger: database.logger)
            }
            #expect(once == .unavailable(detail: "the database was busy; retry the request"))
        }
    }

    @Test("an error no rule explains stays PostgreSQL's: a fault of the service, not the client's", .isolatedDatabase)
    func unexplained() async throws {
        try await TestDatabase.current!.withDatabase { database in
            let error = await #expect(throws: PSQLError.self) {
                try await database.client.query("SELECT * FROM no_such_table", logger: database.logger)
            }
            #expect(error?.serverInfo?[.sqlState] == "42P01")
        }
    }
}
