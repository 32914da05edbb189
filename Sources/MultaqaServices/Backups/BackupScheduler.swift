import Foundation
import Logging
import MultaqaStore
import ServiceLifecycle

/// The daily backup of the embedded default (or of any database, when `MULTAQA_BACKUP_DIR` is
/// set): an archive of `multaqa backup` into the backups directory at the scheduled time, the
/// oldest removed beyond the number kept. The last good backup is the newest complete archive
/// there: archives are renamed into place only when whole, so a backup cut short leaves at most a
/// `.partial` file, which the next run replaces.
public struct BackupScheduler: Service {
    public struct Configuration: Sendable {
        public var directory: String
        public var schedule: BackupSchedule
        public var keep: Int
        public var endpoint: DatabaseEndpoint
        public var filesDirectory: String?

        public init(
            directory: String, schedule: BackupSchedule, keep: Int, endpoint: DatabaseEndpoint, filesDirectory: String?
        ) {
            self.directory = directory
            self.schedule = schedule
            self.keep = keep
            self.endpoint = endpoint
            self.filesDirectory = filesDirectory
        }
    }

    let configuration: Configuration
    let logger: Logger

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    static let suffix = ".multaqa"

    /// The newest complete archive's time, or nil.
    public static func lastGood(in directory: String) -> Date? {
        archives(in: directory).last?.date
    }

    /// Complete archives, oldest first.
    static func archives(in directory: String) -> [(path: String, date: Date)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.compactMap { name -> (String, Date)? in
            let path = directory + "/" + name
            guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            else { return nil }
            return (path, date)
        }.sorted { $0.1 < $1.1 }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let now = Date()
                let next = configuration.schedule.next(after: now, lastGood: Self.lastGood(in: configuration.directory))
                try? await Task.sleep(for: .seconds(max(1, next.timeIntervalSince(now))))
                if Task.isCancelled { break }
                do {
                    try await backUp()
                } catch {
                    logger.error("backup: failed; trying again in an hour", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(3600))
                }
            }
        }
    }

    /// One backup now, then the oldest beyond `keep` removed; returns the archive's path.
    @discardableResult
    public func backUp() async throws -> String {
        let configuration = configuration
        do {
            try FileManager.default.createDirectory(
                atPath: configuration.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.backup("cannot make \(configuration.directory): \(error)")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss-SSS"
        let path = configuration.directory + "/multaqa-" + formatter.string(from: Date()) + Self.suffix
        let backup = try DatabaseBackup.locate()
        let manifest = try await Blocking.run { () throws(StoreError) in
            try backup.backup(from: configuration.endpoint, filesDirectory: configuration.filesDirectory, to: path)
        }
        let archives = Self.archives(in: configuration.directory)
        for old in archives.dropLast(configuration.keep) {
            try? FileManager.default.removeItem(atPath: old.path)
        }
        logger.info(
            "backup: written",
            metadata: [
                "path": "\(path)", "files": "\(manifest.members.count)", "kept": "\(min(archives.count, configuration.keep))",
            ])
        return path
    }
}
