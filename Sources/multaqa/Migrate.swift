import ArgumentParser
import MultaqaAPI
import MultaqaStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the embedded SQL migrations that the database lacks.",
        discussion: """
            Each migration is applied whole in its own transaction and recorded with its checksum \
            in schema_migrations; an edited, already-applied migration is refused. Safe to run from \
            several instances at once (a PostgreSQL advisory lock serialises them). `serve` runs \
            this at start-up too.
            """)

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let settings = try database.settings()
        let logger = database.makeLogger(label: "multaqa.migrate", settings: settings)
        let session = try await database.openDatabase(settings: settings, logger: logger)
        do {
            let applied = try await Migrator(conninfo: session.endpoint.conninfo, logger: logger).migrate()
            print(
                applied.isEmpty
                    ? "database is up to date" : "applied migrations: \(applied.map(String.init).joined(separator: ", "))")
        } catch {
            try? await session.close()
            throw error
        }
        try await session.close()
    }
}
