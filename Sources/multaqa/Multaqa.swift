import ArgumentParser
import MultaqaAPI
import NIOCore
import NIOPosix

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

    /// Tasks run on the event loops that do the I/O (HTTP and PostgreSQL alike) instead of on
    /// Swift's own thread pool: a request no longer hops between threads at every await on the
    /// database, which was the largest single cost of a registration after the kernel's own
    /// (bench/registration). Nothing in the service blocks a thread while it serves: waits are
    /// awaits, and the blocking calls (starting the embedded cluster, migrating) happen before.
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}
