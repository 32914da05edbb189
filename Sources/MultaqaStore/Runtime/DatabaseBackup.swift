import Crypto
import Foundation
import MultaqaDomain

/// A backup of a Multaqa database as one archive: PostgreSQL's own dump in its custom format
/// (`pg_dump -Fc`, which `pg_restore` restores in parallel), documents stored in PostgreSQL
/// included, the files of `MULTAQA_FILES_DIR` when documents are kept there, and a manifest with
/// the SHA-256 of every member, so that an archive is checked before anything is restored.
///
/// The archive is a plain tar file (`tar tf` lists it): `manifest.json`, `database.dump`, and
/// `files/…`. It is written next to its destination as `.partial`, readable by its owner only,
/// and renamed when complete.
public struct DatabaseBackup: Sendable {
    public struct Manifest: Codable, Equatable, Sendable {
        public struct Member: Codable, Equatable, Sendable {
            public var path: String
            public var bytes: Int64
            public var sha256: String
        }

        public static let currentFormat = "multaqa-backup/1"
        public var format: String
        public var createdAt: Date
        /// The newest migration applied to the database backed up.
        public var schemaVersion: Int
        public var members: [Member]
        public var hasFiles: Bool
    }

    let binaries: PostgresBinaries

    public init(binaries: PostgresBinaries) {
        self.binaries = binaries
    }

    public static func locate() throws(StoreError) -> DatabaseBackup {
        DatabaseBackup(binaries: try PostgresBinaries.locate())
    }

    // MARK: Backing up

    /// Writes the archive to `output`; returns its manifest.
    public func backup(
        from endpoint: DatabaseEndpoint, filesDirectory: String?, to output: String
    ) throws(StoreError) -> Manifest {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let dump = work + "/database.dump"
        try withPassword(endpoint) { environment throws(StoreError) in
            try run(
                try binaries.client("pg_dump"),
                ["--format=custom", "--file=" + dump, "--dbname=" + Self.conninfo(endpoint)],
                environment: environment, what: "pg_dump", retryWhile: { true })
        }
        var hasFiles = false
        if let filesDirectory, FileManager.default.fileExists(atPath: filesDirectory) {
            // A copy at this moment: uploads are written to a temporary name and renamed, so a
            // file is whole or absent.
            try run("/bin/cp", ["-a", filesDirectory, work + "/files"], what: "copying MULTAQA_FILES_DIR")
            hasFiles = true
        }
        let manifest = Manifest(
            format: Manifest.currentFormat,
            // Whole seconds: the manifest's ISO 8601 keeps no more, and reads back equal.
            createdAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
            schemaVersion: try schemaVersion(endpoint),
            members: try Self.members(in: work), hasFiles: hasFiles)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        do {
            try encoder.encode(manifest).write(to: URL(fileURLWithPath: work + "/manifest.json"))
        } catch {
            throw .backup("cannot write the manifest: \(error)")
        }
        let partial = output + ".partial"
        // Created first with owner-only permissions, so that tar writes into a file nobody else can read.
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw .backup("cannot write \(partial)")
        }
        var members = ["manifest.json", "database.dump"]
        if hasFiles { members.append("files") }
        try run("/bin/tar", ["-cf", partial, "-C", work] + members, what: "tar")
        guard rename(partial, output) == 0 else {
            throw .backup("cannot rename \(partial) to \(output): \(String(cString: strerror(errno)))")
        }
        return manifest
    }

    // MARK: Checking

    /// Unpacks the archive into a temporary directory and checks every member against the
    /// manifest and the dump with `pg_restore --list`; returns the directory (the caller removes
    /// it) and the manifest.
    func unpacked(_ archive: String) throws(StoreError) -> (directory: String, manifest: Manifest) {
        guard FileManager.default.isReadableFile(atPath: archive) else {
            throw .backup("\(archive) cannot be read")
        }
        let work = try Self.workDirectory()
        do throws(StoreError) {
            try run("/bin/tar", ["-xf", archive, "-C", work, "--no-same-owner"], what: "reading the archive (tar)")
            guard let data = FileManager.default.contents(atPath: work + "/manifest.json") else {
                throw StoreError.backup("\(archive) is not a Multaqa backup: it has no manifest.json")
            }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let manifest: Manifest
            do {
                manifest = try decoder.decode(Manifest.self, from: data)
            } catch {
                throw StoreError.backup("\(archive) has a manifest that cannot be read: \(error)")
            }
            guard manifest.format == Manifest.currentFormat else {
                throw StoreError.backup("\(archive) is in the format \(manifest.format), not \(Manifest.currentFormat)")
            }
            let found = try Self.members(in: work, skipping: "manifest.json")
            let expected = Dictionary(uniqueKeysWithValues: manifest.members.map { ($0.path, $0) })
            for member in found where expected[member.path] != member {
                throw StoreError.backup(
                    expected[member.path] == nil
                        ? "\(archive) holds \(member.path), which its manifest does not list"
                        : "\(archive) is damaged: \(member.path) does not match its checksum")
            }
            let present = Set(found.map(\.path))
            if let missing = manifest.members.first(where: { !present.contains($0.path) }) {
                throw StoreError.backup("\(archive) is incomplete: \(missing.path) is missing")
            }
            try run(
                try binaries.client("pg_restore"), ["--list", work + "/database.dump"],
                what: "reading the dump (pg_restore --list)")
            return (work, manifest)
        } catch {
            try? FileManager.default.removeItem(atPath: work)
            throw error
        }
    }

    /// Checks an archive without restoring it.
    public func verify(_ archive: String) throws(StoreError) -> Manifest {
        let (directory, manifest) = try unpacked(archive)
        try? FileManager.default.removeItem(atPath: directory)
        return manifest
    }

    // MARK: Restoring

    /// Restores the archive into `endpoint`'s database, which must hold no table unless `force`
    /// (then what it holds is dropped first), and its files into `filesDirectory`. The caller then
    /// migrates forward: a backup made by an older binary lacks the later migrations.
    public func restore(
        _ archive: String, into endpoint: DatabaseEndpoint, filesDirectory: String?, force: Bool
    ) throws(StoreError) -> Manifest {
        let (work, manifest) = try unpacked(archive)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let tables = try scalar(Self.tableCount, endpoint)
        if tables != "0", !force {
            throw .backup(
                "the database \(endpoint.database) is not empty (\(tables) tables): restore into an empty database, "
                    + "or pass --force to replace what it holds")
        }
        if manifest.hasFiles {
            guard let filesDirectory else {
                throw .backup("the backup holds documents' files: set MULTAQA_FILES_DIR to where they go")
            }
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: filesDirectory)) ?? []
            if !existing.isEmpty, !force {
                throw .backup("\(filesDirectory) is not empty: restore into an empty directory, or pass --force")
            }
        }
        var arguments = ["--no-owner", "--no-privileges", "--exit-on-error", "--jobs=2", "--dbname=" + Self.conninfo(endpoint)]
        if force { arguments += ["--clean", "--if-exists"] }
        try withPassword(endpoint) { environment throws(StoreError) in
            // Tried again only while nothing was restored: a refusal at the first connection.
            try run(
                try binaries.client("pg_restore"), arguments + [work + "/database.dump"], environment: environment,
                what: "pg_restore",
                retryWhile: { () throws(StoreError) in
                    if force { return true }
                    return try scalar(Self.tableCount, endpoint) == "0"
                })
        }
        if manifest.hasFiles, let filesDirectory {
            try FileManager.default.createDirectoryIfNeeded(filesDirectory)
            try run("/bin/cp", ["-a", work + "/files/.", filesDirectory], what: "restoring the files")
        }
        return manifest
    }

    // MARK: Helpers

    /// Runs a PostgreSQL client; the password travels in a passfile readable by its owner only,
    /// never on a command line.
    private func withPassword(
        _ endpoint: DatabaseEndpoint, _ body: ([String]) throws(StoreError) -> Void
    ) throws(StoreError) {
        guard let password = endpoint.password else { return try body([]) }
        let passfile = NSTemporaryDirectory() + "multaqa-pgpass-\(getpid())-\(UUID().uuidString)"
        let escaped = password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:")
        guard
            FileManager.default.createFile(
                atPath: passfile, contents: Data("*:*:*:*:\(escaped)\n".utf8), attributes: [.posixPermissions: 0o600])
        else { throw .backup("cannot write a password file in \(NSTemporaryDirectory())") }
        defer { unlink(passfile) }
        try body(["PGPASSFILE=" + passfile])
    }

    /// The endpoint without its password (see `withPassword`).
    static func conninfo(_ endpoint: DatabaseEndpoint) -> String {
        var copy = endpoint
        copy.password = nil
        return copy.conninfo
    }

    /// `environment`: `NAME=value` pairs the program gets besides this process's environment.
    /// `retryWhile`: a refusal at the server's connection limit is tried again, once a second
    /// for up to 30 s, while this still holds (a busy server is not a failed backup).
    private func run(
        _ executable: String, _ arguments: [String], environment: [String] = [], what: String,
        retryWhile: () throws(StoreError) -> Bool = { false }
    ) throws(StoreError) {
        let command =
            environment.isEmpty
            ? SystemCommand(executable, arguments) : SystemCommand("/usr/bin/env", environment + [executable] + arguments)
        var attempt = 1
        while true {
            let output = try command.run()
            if output.status == 0 { return }
            if attempt < 30, LibPQConnection.atConnectionLimit(output.text), try retryWhile() {
                attempt += 1
                sleep(1)
                continue
            }
            throw .backup("\(what) failed (exit \(output.status)): \(output.text.suffix(600))")
        }
    }

    static let tableCount = "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"

    private func scalar(_ query: String, _ endpoint: DatabaseEndpoint) throws(StoreError) -> String {
        let connection = try LibPQConnection(conninfo: endpoint.conninfo)
        return try connection.execute(query).first?.first.flatMap { $0 } ?? ""
    }

    private func schemaVersion(_ endpoint: DatabaseEndpoint) throws(StoreError) -> Int {
        Int(try scalar("SELECT coalesce(max(version), 0) FROM schema_migrations", endpoint)) ?? 0
    }

    private static func workDirectory() throws(StoreError) -> String {
        let path = NSTemporaryDirectory() + "multaqa-backup-\(getpid())-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .backup("cannot make a working directory: \(error)")
        }
        return path
    }

    /// Every regular file below `directory`, with its size and SHA-256, read 1 MiB at a time.
    public static func members(in directory: String, skipping skipped: String? = nil) throws(StoreError) -> [Manifest.Member] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else {
            throw .backup("cannot read \(directory)")
        }
        var members: [Manifest.Member] = []
        while let path = walker.nextObject() as? String {
            let full = directory + "/" + path
            var isDirectory: ObjCBool = false
            guard path != skipped, FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            guard let handle = FileHandle(forReadingAtPath: full) else { throw .backup("cannot read \(full)") }
            defer { try? handle.close() }
            var hasher = SHA256()
            var bytes: Int64 = 0
            while let piece = try? handle.read(upToCount: 1 << 20), !piece.isEmpty {
                hasher.update(data: piece)
                bytes += Int64(piece.count)
            }
            members.append(
                .init(path: path, bytes: bytes, sha256: hasher.finalize().hexadecimal))
        }
        return members.sorted { $0.path < $1.path }
    }
}

extension FileManager {
    fileprivate func createDirectoryIfNeeded(_ path: String) throws(StoreError) {
        do {
            try createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .backup("cannot make \(path): \(error)")
        }
    }
}
