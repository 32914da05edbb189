import ArgumentParser
import Foundation
import MultaqaAPI
import MultaqaStore

/// `multaqa backup --output FILE`, `multaqa backup --verify FILE`.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent backup of the database in use, or check one.",
        discussion: """
            One archive (a tar file): PostgreSQL's dump in its custom format (pg_dump -Fc, \
            documents stored in PostgreSQL included), the files of MULTAQA_FILES_DIR when it is \
            set, and a manifest with the SHA-256 of each. Written as FILE.partial, readable by its \
            owner only, and renamed when complete. --verify checks an archive's checksums and its \
            dump without restoring anything. Restore with `multaqa restore FILE`.
            """)

    @Option(help: "The archive to write.")
    var output: String?

    @Option(help: "Check this archive instead of writing one.")
    var verify: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (output == nil) != (verify == nil) else {
            throw ValidationError("give --output FILE to write a backup, or --verify FILE to check one")
        }
    }

    func run() async throws {
        let backup = try DatabaseBackup.locate()
        if let verify {
            let manifest = try await Blocking.run { () throws(StoreError) in try backup.verify(verify) }
            print(
                "\(verify): a valid backup of \(manifest.createdAt.formatted(.iso8601)), schema version "
                    + "\(manifest.schemaVersion), \(manifest.members.count) files checked")
            return
        }
        guard let output else { return }
        let settings = try database.settings()
        let logger = database.makeLogger(label: "multaqa.backup", settings: settings)
        let session = try await database.openDatabase(settings: settings, logger: logger)
        do {
            let endpoint = session.endpoint
            let manifest = try await Blocking.run { () throws(StoreError) in
                try backup.backup(from: endpoint, filesDirectory: settings.filesDirectory, to: output)
            }
            let bytes = manifest.members.reduce(Int64(0)) { $0 + $1.bytes }
            print("\(output): \(manifest.members.count) files, \(bytes) bytes, schema version \(manifest.schemaVersion)")
        } catch {
            try? await session.close()
            throw error
        }
        try await session.close()
    }
}
