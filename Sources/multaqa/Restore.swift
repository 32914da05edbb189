import ArgumentParser
import Foundation
import MultaqaAPI
import MultaqaStore

/// `multaqa restore FILE [--force]`.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a backup made by `multaqa backup` into the database in use.",
        discussion: """
            The archive is checked first (every checksum, and the dump). The database must be \
            empty, and MULTAQA_FILES_DIR too when the backup holds files, unless --force (what \
            they hold is then replaced). A backup made before later migrations is migrated forward \
            once restored.
            """)

    @Argument(help: "The archive to restore.")
    var file: String

    @Flag(help: "Replace what the database (and MULTAQA_FILES_DIR) already holds.")
    var force = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let backup = try DatabaseBackup.locate()
        let settings = try database.settings()
        let logger = database.makeLogger(label: "multaqa.restore", settings: settings)
        let session = try await database.openDatabase(settings: settings, logger: logger)
        do {
            let endpoint = session.endpoint
            let force = force
            let file = file
            let manifest = try await Blocking.run { () throws(StoreError) in
                try backup.restore(file, into: endpoint, filesDirectory: settings.filesDirectory, force: force)
            }
            let applied = try await Migrator(conninfo: endpoint.conninfo, logger: logger).migrate()
            print(
                "restored the backup of \(manifest.createdAt.formatted(.iso8601)) (schema version \(manifest.schemaVersion))"
                    + (applied.isEmpty ? "" : "; then applied migrations \(applied.map(String.init).joined(separator: ", "))"))
        } catch {
            try? await session.close()
            throw error
        }
        try await session.close()
    }
}
