import ArgumentParser
import Foundation
import Logging
import MultaqaStore
import Synchronization

/// Options every database-using subcommand shares; flags win over the environment.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Embedded cluster directory (env MULTAQA_DATA_DIR, default ./.multaqa).")
    var dataDirectory: String?

    @Option(help: "Log level (env MULTAQA_LOG_LEVEL; default info for serve, warning otherwise).")
    var logLevel: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var resolvedDataDirectory: String {
        dataDirectory ?? environment["MULTAQA_DATA_DIR"] ?? "./.multaqa"
    }

    var databaseURL: String? { environment["DATABASE_URL"] }

    /// The level asked for by flag or environment, if any.
    private var requestedLevel: String? { logLevel ?? environment["MULTAQA_LOG_LEVEL"] }

    /// A level name that is none of swift-log's is refused before the command runs, rather than
    /// quietly logging at some other level.
    func validate() throws {
        if let name = requestedLevel, Self.level(named: name) == nil {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--log-level (or MULTAQA_LOG_LEVEL) must be one of \(names), not \(name)")
        }
    }

    /// `serve` logs at info; one-shot commands keep the terminal for their answer (warning).
    func makeLogger(label: String, defaultLevel: String = "warning") -> Logger {
        let name = requestedLevel ?? defaultLevel
        // `validate()` refused a bad flag or variable, and the defaults are this program's own.
        guard let level = Self.level(named: name) else { preconditionFailure("\(name) is not a log level") }
        LoggingBootstrap.once(level: level)
        return Logger(label: label)
    }

    private static func level(named name: String) -> Logger.Level? {
        Logger.Level(rawValue: name.lowercased())
    }

    func openDatabase(logger: Logger) async throws -> DatabaseSession {
        try await DatabaseSession.open(
            databaseURL: databaseURL, dataDirectory: resolvedDataDirectory, logger: logger)
    }
}

extension DatabaseOptions {
    /// Opens the database (embedded or DATABASE_URL), brings its schema up to date, runs `body`
    /// with a running pool, and leaves the embedded cluster as it found it.
    func withDatabase(label: String, _ body: @Sendable (Database) async throws -> Void) async throws {
        let logger = makeLogger(label: label)
        let session = try await openDatabase(logger: logger)
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

enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func once(level: Logger.Level) {
        done.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
