import ArgumentParser
import Hummingbird
import MultaqaAPI
import MultaqaServices
import MultaqaStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate the database and serve the HTTP API until SIGINT or SIGTERM.",
        discussion: """
            On SIGINT/SIGTERM, in-flight requests finish, the database pool closes and, if this \
            process started the embedded cluster, the cluster stops cleanly.

            \(Settings.environmentHelp())
            """)

    @Option(help: ArgumentHelp(Settings.Variable.host.flagHelp))
    var host: String?

    @Option(help: ArgumentHelp(Settings.Variable.port.flagHelp))
    var port: String?

    @OptionGroup var database: DatabaseOptions

    /// `serve` logs at the settings' own default level, not a one-shot command's.
    private func settings() throws -> Settings {
        try database.settings(flags: [.host: host, .port: port], defaults: [:])
    }

    func validate() throws {
        _ = try settings()
    }

    func run() async throws {
        let settings = try settings()
        let logger = database.makeLogger(label: "multaqa", settings: settings)
        var configuration = AppConfiguration(settings: settings)
        let session = try await database.openDatabase(settings: settings, logger: logger)
        do {
            try await Migrator(conninfo: session.endpoint.conninfo, logger: logger).migrate()
            let store = Database(
                endpoint: session.endpoint, maximumConnections: settings.databasePoolSize,
                leaseTimeout: .milliseconds(settings.databaseWaitMilliseconds),
                taskExecutor: EventLoopTaskExecutor.singleton, logger: logger)
            // Every connection but the listener's, opened before the first request.
            configuration.warmConnections = settings.databasePoolSize - 1
            if settings.mailWorker {
                configuration.mail = try AppConfiguration.mail(settings: settings)
                configuration.webhooks = WebhookWorker.Configuration(allowPrivate: settings.webhookAllowPrivate)
            }
            if let directory = settings.effectiveBackupDirectory, let schedule = settings.backupAt {
                configuration.backups = .init(
                    directory: directory, schedule: schedule, keep: settings.backupKeep, endpoint: session.endpoint,
                    filesDirectory: settings.filesDirectory)
            }
            configuration.replica = try settings.databaseReplicaURL.map { try DatabaseEndpoint(url: $0) }
            let app = try buildApplication(configuration: configuration, database: store, logger: logger)
            try await app.runService()
        } catch {
            try? await session.close()
            throw error
        }
        try await session.close()
    }
}
