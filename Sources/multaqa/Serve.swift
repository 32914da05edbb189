import ArgumentParser
import Foundation
import Hummingbird
import MultaqaAPI
import MultaqaStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate the database and serve the HTTP API until SIGINT or SIGTERM.",
        discussion: """
            On SIGINT/SIGTERM, in-flight requests finish, the database pool closes and, if this \
            process started the embedded cluster, the cluster stops cleanly.
            """)

    @Option(help: "Listen address (env MULTAQA_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Listen port (env MULTAQA_PORT, default 8080).")
    var port: Int?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let environment = database.environment
        let logger = database.makeLogger(label: "multaqa", defaultLevel: "info")
        var configuration = AppConfiguration()
        configuration.host = host ?? environment["MULTAQA_HOST"] ?? configuration.host
        configuration.port = try port ?? environment["MULTAQA_PORT"].map(Self.integer("MULTAQA_PORT")) ?? configuration.port
        if let size = environment["MULTAQA_MAX_BODY_SIZE"] {
            configuration.maxBodySize = try Self.integer("MULTAQA_MAX_BODY_SIZE")(size)
        }
        // Documents' files (issue 7): 25 MiB by default, kept in PostgreSQL unless a directory is named.
        if let size = environment["MULTAQA_MAX_UPLOAD_SIZE"] {
            configuration.maxUploadSize = try Self.integer("MULTAQA_MAX_UPLOAD_SIZE")(size)
        }
        if let directory = environment["MULTAQA_FILES_DIR"], !directory.isEmpty {
            configuration.filesDirectory = directory
        }
        // Public writes per client and minute (issue 9): 60 by default, 0 turns the limit off.
        let limit = environment["MULTAQA_RATE_LIMIT"] ?? "60"
        guard let perMinute = Int(limit), perMinute >= 0 else {
            throw ValidationError("MULTAQA_RATE_LIMIT must be a number of requests per minute (0: no limit), got \(limit)")
        }
        configuration.publicWritesPerMinute = perMinute == 0 ? nil : perMinute
        configuration.trustedProxies = Set(
            (environment["MULTAQA_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty })
        let poolSize = try environment["MULTAQA_DB_POOL_SIZE"].map(Self.integer("MULTAQA_DB_POOL_SIZE")) ?? 20
        // How long a request waits for a database connection before it gets 503 (issue 9).
        let waitMilliseconds = try environment["MULTAQA_DB_WAIT_MS"].map(Self.integer("MULTAQA_DB_WAIT_MS")) ?? 2000
        // One connection listens for program changes for as long as the service runs.
        guard poolSize >= 2 else { throw ValidationError("MULTAQA_DB_POOL_SIZE must be at least 2") }

        let session = try await database.openDatabase(logger: logger)
        do {
            try await Migrator(conninfo: session.endpoint.conninfo, logger: logger).migrate()
            let store = Database(
                endpoint: session.endpoint, maximumConnections: poolSize, leaseTimeout: .milliseconds(waitMilliseconds),
                logger: logger)
            // Every connection but the listener's, opened before the first request (issue 5).
            configuration.warmConnections = poolSize - 1
            let app = try buildApplication(configuration: configuration, database: store, logger: logger)
            try await app.runService()
        } catch {
            try? await session.close()
            throw error
        }
        try await session.close()
    }

    static func integer(_ name: String) -> (String) throws -> Int {
        { text in
            guard let value = Int(text), value > 0 else {
                throw ValidationError("\(name) must be a positive integer, got \(text)")
            }
            return value
        }
    }
}
