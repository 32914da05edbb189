import Logging

/// The database a command works on: the server named by `DATABASE_URL`, or the embedded cluster
/// in the data directory, started for the command or joined when another Multaqa process (a
/// running `serve`) already runs it. Every subcommand that needs the database opens one.
public struct DatabaseSession: Sendable {
    public let endpoint: DatabaseEndpoint
    private let cluster: EmbeddedCluster?

    public var isEmbedded: Bool { cluster != nil }

    public static func open(databaseURL: String?, dataDirectory: String, logger: Logger) async throws -> DatabaseSession {
        if let databaseURL, !databaseURL.isEmpty {
            return DatabaseSession(endpoint: try DatabaseEndpoint(url: databaseURL), cluster: nil)
        }
        let cluster = EmbeddedCluster(dataDirectory: dataDirectory, logger: logger)
        return DatabaseSession(endpoint: try await cluster.start(), cluster: cluster)
    }

    /// Leaves the embedded cluster, which stops when no other Multaqa process uses it.
    public func close() async throws {
        try await cluster?.stop()
    }
}
