import Logging
import MultaqaMigrations
import MultaqaTestSupport
import PostgresNIO
import Testing

@testable import MultaqaStore

@Suite("Migrator")
struct MigratorTests {
    @Test("a fresh database gets every migration, recorded with its checksum")
    func fresh() async throws {
        let database = try await TestDatabase.create(migrated: false)
        defer { Task { await database.drop() } }
        let migrator = Migrator(conninfo: database.endpoint.conninfo, logger: .quiet)
        let applied = try await migrator.migrate()
        #expect(applied == Migrations.all.map(\.version))

        let rows = try await database.withDatabase { db in
            var rows: [(Int, String)] = []
            for try await (version, checksum) in try await db.client.query(
                "SELECT version, checksum FROM schema_migrations ORDER BY version", logger: .quiet
            ).decode((Int, String).self) {
                rows.append((version, checksum))
            }
            return rows
        }
        #expect(rows.map(\.0) == Migrations.all.map(\.version))
        #expect(rows.map(\.1) == Migrations.all.map(Migrator.checksum(of:)))
    }

    @Test("running again applies nothing")
    func rerunIsNoOp() async throws {
        let database = try await TestDatabase.create(migrated: false)
        defer { Task { await database.drop() } }
        let migrator = Migrator(conninfo: database.endpoint.conninfo, logger: .quiet)
        try await migrator.migrate()
        #expect(try await migrator.migrate() == [])
    }

    @Test("an applied migration that was edited is refused with a clear error")
    func checksumMismatch() async throws {
        let database = try await TestDatabase.create(migrated: false)
        defer { Task { await database.drop() } }
        try await Migrator(conninfo: database.endpoint.conninfo, logger: .quiet).migrate()

        var edited = Migrations.all
        edited[0] = Migration(version: edited[0].version, name: edited[0].name, sql: edited[0].sql + "\n-- edited\n")
        let migrator = Migrator(conninfo: database.endpoint.conninfo, migrations: edited, logger: .quiet)
        let error = await #expect(throws: StoreError.self) { try await migrator.migrate() }
        guard case .migrationChecksumMismatch(let version, _, _, _) = error else {
            Issue.record("expected a checksum mismatch, got \(String(describing: error))")
            return
        }
        #expect(version == edited[0].version)
        #expect(error?.description.contains("edited after it was applied") == true)
    }

    @Test("a failing migration is rolled back whole and not recorded")
    func failingMigrationRollsBack() async throws {
        let database = try await TestDatabase.create(migrated: false)
        defer { Task { await database.drop() } }
        let broken =
            Migrations.all + [
                Migration(
                    version: 9_999, name: "broken",
                    sql: "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;")
            ]
        let migrator = Migrator(conninfo: database.endpoint.conninfo, migrations: broken, logger: .quiet)
        await #expect(throws: StoreError.self) { try await migrator.migrate() }

        let (recorded, tableExists) = try await database.withDatabase { db in
            let recorded = try await db.client.query(
                "SELECT count(*)::int FROM schema_migrations WHERE version = 9999", logger: .quiet
            ).collect().first?.decode(Int.self)
            let table = try await db.client.query(
                "SELECT to_regclass('half_done') IS NOT NULL", logger: .quiet
            ).collect().first?.decode(Bool.self)
            return (recorded, table)
        }
        #expect(recorded == 0)
        #expect(tableExists == false)
    }

    @Test("several runners at the same moment apply each migration exactly once")
    func concurrentRunners() async throws {
        let database = try await TestDatabase.create(migrated: false)
        defer { Task { await database.drop() } }
        let conninfo = database.endpoint.conninfo
        let results = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask { try await Migrator(conninfo: conninfo, logger: .quiet).migrate() }
            }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        #expect(results.flatMap { $0 }.sorted() == Migrations.all.map(\.version))
        let count = try await database.withDatabase { db in
            try await db.client.query("SELECT count(*)::int FROM schema_migrations", logger: .quiet)
                .collect().first?.decode(Int.self)
        }
        #expect(count == Migrations.all.count)
    }
}
