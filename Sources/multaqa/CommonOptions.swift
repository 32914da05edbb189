import ArgumentParser
import Foundation
import Logging
import MultaqaAPI
import MultaqaStore
import Synchronization

/// Options every database-using subcommand shares. Their help, defaults and rules are the
/// settings' (`Settings`); a flag wins over the environment.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp(Settings.Variable.dataDirectory.flagHelp))
    var dataDirectory: String?

    @Option(help: ArgumentHelp(Settings.Variable.logLevel.flagHelp))
    var logLevel: String?

    /// A bad value, in a flag or in the environment, is refused before the command runs rather
    /// than replaced by a default.
    func validate() throws {
        _ = try settings()
    }

    /// Every setting: `flags` (the command's own) and these options over the environment over
    /// the defaults; a one-shot command logs at `Settings.commandLogLevel` unless told.
    func settings(
        flags: [Settings.Variable: String?] = [:],
        defaults: [Settings.Variable: String] = [.logLevel: Settings.commandLogLevel.rawValue]
    ) throws -> Settings {
        let given = flags.merging([.dataDirectory: dataDirectory, .logLevel: logLevel]) { own, _ in own }
        do {
            return try Settings(explicit: given.compactMapValues { $0 }, defaults: defaults)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func makeLogger(label: String, settings: Settings) -> Logger {
        LoggingBootstrap.once(level: settings.logLevel)
        return Logger(label: label)
    }

    func openDatabase(settings: Settings, logger: Logger) async throws -> DatabaseSession {
        try await DatabaseSession.open(
            databaseURL: settings.databaseURL, dataDirectory: settings.dataDirectory, logger: logger)
    }
}

extension DatabaseOptions {
    /// Opens the database (embedded or DATABASE_URL), brings its schema up to date, runs `body`
    /// with a running pool, and leaves the embedded cluster as it found it.
    func withDatabase(label: String, _ body: @Sendable (Database) async throws -> Void) async throws {
        let settings = try settings()
        let logger = makeLogger(label: label, settings: settings)
        let session = try await openDatabase(settings: settings, logger: logger)
        do {
            try await Migrator(conninfo: session.endpoint.conninfo, logger: logger).migrate()
            // The pool's task starts a moment after the first query is queued, which PostgresNIO
            // reports as a warning; a one-shot command's terminal is for its answer.
            var poolLogger = logger
            poolLogger.logLevel = max(logger.logLevel, .error)
            let database = Database(endpoint: session.endpoint, maximumConnections: 2, logger: poolLogger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await database.pool.run() }
                defer { group.cancelAll() }
                try await body(database)
            }
        } catch {
            try? await session.close()
            throw error
        }
        try await session.close()
    }
}
