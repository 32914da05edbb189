import Foundation
import MultaqaAPI
import MultaqaAPIClient
import MultaqaMigrations
import MultaqaServices
import MultaqaStore
import MultaqaTestSupport
import PostgresNIO
import Synchronization
import Testing

/// `multaqa backup` and `restore`: a meeting with registrations, rankings, an applied allocation and
/// documents in both storages (PostgreSQL and a directory) is backed up, restored into a fresh
/// database and directory, and compared table by table and file by file; a damaged archive is
/// refused before anything is restored.
@Suite("Backups that restore")
struct BackupTests {
    static func temporary(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "multaqa-\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The meeting of `AllocationsTests`, allocated, with a PDF stored in PostgreSQL and a PNG in
    /// the files directory.
    static func populate(files: String) async throws {
        let token = try await makeToken(.organizer)
        let made = Mutex("")
        try await withTestApp { app in
            let api = Client(app, token: token)
            let ranked = try await AllocationsTests.ranked(api)
            let event = ranked.meeting.event
            made.withLock { $0 = event }
            let proposal = try await api.proposeAllocation(
                path: .init(eventId: event), body: .json(.init(mechanism: .lottery, seed: "sauvegarde"))
            ).created.body.json
            _ = try await api.applyAllocation(path: .init(allocationId: proposal.id)).ok
            let (headers, body) = DocumentsTests.multipart(
                metadata: #"{"title": {"ar": "التوصيات", "fr": "Recommandations"}, "kind": "recommendations"}"#,
                fileName: DocumentsTests.arabicPDFName, type: "application/pdf", bytes: DocumentsTests.pdf)
            let created = try await TestAPI(client: app, token: token).request(
                .post, "/v1/events/\(event)/documents", headers: headers, bytes: body)
            #expect(created.status == .created)
        }
        let event = made.withLock { $0 }
        var configuration = AppConfiguration.forTests
        configuration.filesDirectory = files
        try await withTestApp(configuration: configuration) { app in
            let (headers, body) = DocumentsTests.multipart(
                metadata: #"{"title": {"fr": "Photo de groupe"}, "kind": "other"}"#, fileName: "photo.png", type: "image/png",
                bytes: DocumentsTests.png)
            let created = try await TestAPI(client: app, token: token).request(
                .post, "/v1/events/\(event)/documents", headers: headers, bytes: body)
            #expect(created.status == .created)
        }
    }

    /// Every table of the public schema with the MD5 of its rows in a fixed order.
    static func fingerprint(_ endpoint: DatabaseEndpoint) async throws -> [String: String] {
        try await TestDatabase(name: endpoint.database, endpoint: endpoint).withDatabase { database in
            let tables = try await database.client.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", logger: database.logger
            ).collect().map { try $0.decode(String.self) }
            var result: [String: String] = [:]
            for table in tables {
                // A table name from the catalog, quoted as an identifier: never a value.
                let rows = try await database.client.query(
                    "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) || ':' || count(*) FROM \(unescaped: "\"" + table + "\"") t",
                    logger: database.logger
                ).collect()
                result[table] = try rows.first?.decode(String.self)
            }
            return result
        }
    }

    @Test(
        "a backup restores into a fresh database and directory: every table's rows and every file identical",
        .isolatedDatabase)
    func roundTrip() async throws {
        let files = Self.temporary("files")
        let work = Self.temporary("backup")
        defer {
            try? FileManager.default.removeItem(atPath: files)
            try? FileManager.default.removeItem(atPath: work)
        }
        try await Self.populate(files: files)
        let source = try #require(TestDatabase.current).endpoint
        let backup = try DatabaseBackup.locate()
        let archive = work + "/agadir.multaqa"
        let made = try backup.backup(from: source, filesDirectory: files, to: archive)
        #expect(made.hasFiles && made.schemaVersion >= 14)
        let mode = try FileManager.default.attributesOfItem(atPath: archive)[.posixPermissions] as? Int
        #expect(mode == 0o600 && !FileManager.default.fileExists(atPath: archive + ".partial"))
        #expect(try backup.verify(archive) == made)

        let name = "restored_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try await DatabaseAdmin.createDatabase(String(name), on: source)
        let target = source.with(database: String(name))
        defer { Task { try? await DatabaseAdmin.dropDatabase(String(name), on: source) } }
        let restoredFiles = work + "/files"
        _ = try backup.restore(archive, into: target, filesDirectory: restoredFiles, force: false)

        let before = try await Self.fingerprint(source)
        let after = try await Self.fingerprint(target)
        #expect(before.count > 20 && before == after)
        #expect(before["registrations"]?.hasSuffix(":12") == true && before["document_blobs"] != nil)
        func hashes(_ directory: String) throws -> [String: String] {
            Dictionary(uniqueKeysWithValues: try DatabaseBackup.members(in: directory).map { ($0.path, $0.sha256) })
        }
        #expect(try hashes(files) == hashes(restoredFiles) && !(try hashes(files)).isEmpty)

        // A second restore into what now holds data is refused, and says how to go on.
        let again = #expect(throws: StoreError.self) {
            try backup.restore(archive, into: target, filesDirectory: restoredFiles, force: false)
        }
        #expect(again.map { "\($0)".contains("not empty") && "\($0)".contains("--force") } == true)
    }

    @Test("a damaged or foreign archive is refused with a clear message before anything is restored", .isolatedDatabase)
    func damaged() async throws {
        let work = Self.temporary("damaged")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let source = try #require(TestDatabase.current).endpoint
        let backup = try DatabaseBackup.locate()
        let archive = work + "/empty.multaqa"
        _ = try backup.backup(from: source, filesDirectory: nil, to: archive)
        // One byte of the dump changed: tar still reads the archive, the checksum does not match.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        let dump = try #require(bytes.range(of: Data("PGDMP".utf8)))
        bytes[dump.lowerBound + 2000] ^= 0xFF
        let broken = work + "/broken.multaqa"
        try bytes.write(to: URL(fileURLWithPath: broken))
        let refusal = #expect(throws: StoreError.self) { try backup.verify(broken) }
        #expect(
            refusal.map { "\($0)".contains("damaged") && "\($0)".contains("database.dump") } == true,
            "\(String(describing: refusal))")
        let foreign = work + "/notes.txt"
        try Data("not a backup".utf8).write(to: URL(fileURLWithPath: foreign))
        #expect(throws: StoreError.self) { try backup.verify(foreign) }
        let name = "never_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try await DatabaseAdmin.createDatabase(String(name), on: source)
        defer { Task { try? await DatabaseAdmin.dropDatabase(String(name), on: source) } }
        #expect(throws: StoreError.self) {
            try backup.restore(broken, into: source.with(database: String(name)), filesDirectory: nil, force: false)
        }
        #expect(try await Self.fingerprint(source.with(database: String(name))).isEmpty)
    }

    @Test("the daily backup: at its time, or a minute after start when the last good one is over a day old")
    func schedule() throws {
        let schedule = try #require(BackupSchedule(text: "03:00"))
        let utc = ISO8601DateFormatter()
        let night = try #require(utc.date(from: "2026-12-03T02:00:00Z"))
        let morning = try #require(utc.date(from: "2026-12-03T04:00:00Z"))
        #expect(schedule.next(after: night, lastGood: night.addingTimeInterval(-3600)) == utc.date(from: "2026-12-03T03:00:00Z"))
        #expect(
            schedule.next(after: morning, lastGood: morning.addingTimeInterval(-3600)) == utc.date(from: "2026-12-04T03:00:00Z"))
        #expect(schedule.next(after: morning, lastGood: nil) == morning.addingTimeInterval(60))
        #expect(schedule.next(after: morning, lastGood: morning.addingTimeInterval(-90_000)) == morning.addingTimeInterval(60))
        for wrong in ["3:00", "24:00", "03:60", "0300", "noon"] { #expect(BackupSchedule(text: wrong) == nil) }
        #expect(throws: Settings.InvalidValue.self) { try Settings(environment: ["MULTAQA_BACKUP_AT": "25:00"]) }
        let off = try Settings(environment: ["MULTAQA_BACKUP_AT": "off"])
        #expect(off.backupAt == nil && off.effectiveBackupDirectory == nil)
        let embedded = try Settings(environment: ["MULTAQA_DATA_DIR": "/srv/multaqa"])
        #expect(embedded.effectiveBackupDirectory == "/srv/multaqa/backups" && embedded.backupKeep == 7)
        let server = try Settings(environment: ["DATABASE_URL": "postgres://u:p@db/multaqa"])
        #expect(server.effectiveBackupDirectory == nil)
    }

    @Test(
        "scheduled backups keep the newest ones; /health/ready and /metrics tell the age of the last good one",
        .isolatedDatabase)
    func scheduled() async throws {
        let directory = Self.temporary("daily")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = try #require(TestDatabase.current).endpoint
        var configuration = AppConfiguration.forTests
        let daily = BackupScheduler.Configuration(
            directory: directory, schedule: BackupSchedule(hour: 3, minute: 0), keep: 2, endpoint: endpoint, filesDirectory: nil)
        configuration.backups = daily
        try await withTestApp(configuration: configuration) { app in
            let before = try await Client(app).getReadiness().ok.body.json
            let none = try #require(before.backup)
            #expect(none.lastGoodAt == nil)
            let scheduler = BackupScheduler(configuration: daily, logger: .quiet)
            var written: [String] = []
            for _ in 0..<3 { written.append(try await scheduler.backUp()) }
            let kept = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(kept == written.suffix(2).map { ($0 as NSString).lastPathComponent }.sorted())
            let backup = try #require(try await Client(app).getReadiness().ok.body.json.backup)
            #expect(backup.lastGoodAt != nil && backup.ageSeconds.map { $0 < 60 } == true)
            let metrics = try await app.execute(uri: "/metrics", method: .get)
            #expect(metrics.text.contains("multaqa_backup_age_seconds"))
            #expect(try DatabaseBackup.locate().verify(try #require(written.last)).schemaVersion >= 14)
        }
    }

    @Test("a backup made before a later migration restores, then migrates forward")
    func olderBackup() async throws {
        let old = try await TestDatabase.create(migrated: false)
        let fresh = try await TestDatabase.create(migrated: false)
        let work = Self.temporary("older")
        defer { try? FileManager.default.removeItem(atPath: work) }
        do {
            let before = Array(Migrations.all.dropLast())
            _ = try await Migrator(conninfo: old.endpoint.conninfo, migrations: before, logger: .quiet).migrate()
            let backup = try DatabaseBackup.locate()
            let archive = work + "/older.multaqa"
            let made = try backup.backup(from: old.endpoint, filesDirectory: nil, to: archive)
            #expect(made.schemaVersion == Migrations.all.count - 1)
            _ = try backup.restore(archive, into: fresh.endpoint, filesDirectory: nil, force: false)
            let applied = try await Migrator(conninfo: fresh.endpoint.conninfo, logger: .quiet).migrate()
            #expect(applied == [Migrations.all.count])
        } catch {
            await old.drop()
            await fresh.drop()
            throw error
        }
        await old.drop()
        await fresh.drop()
    }

    @Test(
        "a backup taken while attendees register restores to a consistent state: the seats taken are the confirmed registrations",
        .isolatedDatabase)
    func whileRegistering() async throws {
        let token = try await makeToken(.organizer)
        let work = Self.temporary("busy")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let source = try #require(TestDatabase.current).endpoint
        let archive = work + "/busy.multaqa"
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        _ = try await api.createRegistration(
                            path: .init(eventId: forum.event),
                            body: .json(
                                .init(
                                    fullName: "Participant \(String(UnicodeScalar(65 + index % 26)!))",
                                    email: "busy\(index)@example.ma",
                                    category: .citizen, mode: .inPerson, consent: true)))
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(50))
                    _ = try await Blocking.run { () throws(StoreError) in
                        try DatabaseBackup.locate().backup(from: source, filesDirectory: nil, to: archive)
                    }
                }
                try await group.waitForAll()
            }
        }
        let name = "busy_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try await DatabaseAdmin.createDatabase(String(name), on: source)
        defer { Task { try? await DatabaseAdmin.dropDatabase(String(name), on: source) } }
        let target = source.with(database: String(name))
        _ = try DatabaseBackup.locate().restore(archive, into: target, filesDirectory: nil, force: false)
        let counts = try await TestDatabase(name: String(name), endpoint: target).withDatabase { database in
            try await database.client.query(
                """
                SELECT (SELECT coalesce(sum(s.taken), 0)::int FROM capacity_shards s JOIN capacity_pools p ON p.id = s.pool_id
                        WHERE p.mode IS NOT NULL),
                       (SELECT count(*)::int FROM registrations WHERE status IN ('confirmed', 'pending_approval')),
                       (SELECT count(*)::int FROM registrations)
                """, logger: database.logger
            ).collect().first?.decode((Int, Int, Int).self)
        }
        let (seats, confirmed, all) = try #require(counts)
        #expect(seats == confirmed && all <= 60)
    }
}
