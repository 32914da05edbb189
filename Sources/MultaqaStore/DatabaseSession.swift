import Logging

/// The database a command works on: the server named by `DATABASE_URL`, or the embedded cluster
/// in the data directory, started for the command or joined when a `serve` already runs it
/// (issue 3). Every subcommand that needs the database opens one of these.
public struct DatabaseSession: Sendable {
    public let endpoint: DatabaseEndpoint
    public let isEmbedded: Bool
    private let cluster: EmbeddedCluster?
    private let stopsOnExit: Bool

    public static func open(
        databaseURL: String?, dataDirectory: String, claimOwnership: Bool, logger: Logger
    ) async throws -> DatabaseSession {
        if let databaseURL, !databaseURL.isEmpty {
            return DatabaseSession(
                endpoint: try DatabaseEndpoint(url: databaseURL), isEmbedded: false, cluster: nil, stopsOnExit: false)
        }
        let cluster = EmbeddedCluster(dataDirectory: dataDirectory, logger: logger)
        let handle = try await cluster.start(claimOwnership: claimOwnership)
        return DatabaseSession(
            endpoint: handle.endpoint, isEmbedded: true, cluster: cluster, stopsOnExit: handle.stopsOnExit)
    }

    /// Stops the embedded cluster if this session started or owns it and nobody else does.
    public func close() async throws {
        guard stopsOnExit, let cluster else { return }
        try await cluster.stop()
    }
}
