import Synchronization
import ArgumentParser
import Foundation
import Logging
import MultaqaStore

/// Options every database-using subcommand shares; flags win over the environment.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Embedded cluster directory (env MULTAQA_DATA_DIR, default ./.multaqa).")
    var dataDirectory: String?

    @Option(help: "Log level (env MULTAQA_LOG_LEVEL, default info).")
    var logLevel: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var resolvedDataDirectory: String {
        dataDirectory ?? environment["MULTAQA_DATA_DIR"] ?? "./.multaqa"
    }

    var databaseURL: String? { environment["DATABASE_URL"] }

    func makeLogger(label: String) -> Logger {
        let levelName = logLevel ?? environment["MULTAQA_LOG_LEVEL"] ?? "info"
        LoggingBootstrap.once(level: Logger.Level(rawValue: levelName.lowercased()) ?? .info)
        return Logger(label: label)
    }

    func openDatabase(logger: Logger) async throws -> DatabaseSession {
        try await DatabaseSession.open(
            databaseURL: databaseURL, dataDirectory: resolvedDataDirectory, logger: logger)
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
