import ArgumentParser
import MultaqaAPI

@main
struct Multaqa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multaqa",
        abstract: "Multaqa: workshops and conferences of public institutions, from programme to recommendations.",
        discussion: """
            With no DATABASE_URL, Multaqa runs a private PostgreSQL cluster in MULTAQA_DATA_DIR \
            using the machine's PostgreSQL programs, and stops it on exit. A flag wins over its \
            variable, a variable over the default.

            \(Settings.environmentHelp())
            """,
        subcommands: [
            Serve.self, Migrate.self, Token.self, Collectivities.self, Export.self, Demo.self, Backup.self, Restore.self,
            Purge.self,
        ]
    )
}
