import Foundation
import Hummingbird
import Logging
import MultaqaStore
import OpenAPIHummingbird
import OpenAPIRuntime

/// What the HTTP side needs to know. Its defaults are `Settings.defaults`, so that an
/// `AppConfiguration()` (the tests', a `buildApplication` caller's) behaves as `serve` does.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Requests with a larger body get 413.
    public var maxBodySize: Int
    /// Public writes (registering, checking in) a client may send per minute; nil: no limit.
    public var publicWritesPerMinute: Int?
    /// Proxies whose `X-Forwarded-For` names the client (the load balancers' addresses).
    public var trustedProxies: Set<String>
    /// The largest file a document may have; larger uploads get 413.
    public var maxUploadSize: Int
    /// Where documents' files are kept; nil: in PostgreSQL.
    public var filesDirectory: String?
    /// Connections opened when the service starts; tests open them on demand.
    public var warmConnections = 0
    /// Failures injected by tests; none in production.
    public var faults = FaultPoints()

    public init(
        host: String = Settings.defaults.host, port: Int = Settings.defaults.port,
        maxBodySize: Int = Settings.defaults.maxBodySize,
        publicWritesPerMinute: Int? = Settings.defaults.publicWritesPerMinute,
        trustedProxies: Set<String> = Settings.defaults.trustedProxies, maxUploadSize: Int = Settings.defaults.maxUploadSize,
        filesDirectory: String? = Settings.defaults.filesDirectory
    ) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.publicWritesPerMinute = publicWritesPerMinute
        self.trustedProxies = trustedProxies
        self.maxUploadSize = maxUploadSize
        self.filesDirectory = filesDirectory
    }

    /// The HTTP side of settings read by `serve`.
    public init(settings: Settings) {
        self.init(
            host: settings.host, port: settings.port, maxBodySize: settings.maxBodySize,
            publicWritesPerMinute: settings.publicWritesPerMinute, trustedProxies: settings.trustedProxies,
            maxUploadSize: settings.maxUploadSize, filesDirectory: settings.filesDirectory)
    }

    /// The storage new documents' files go to.
    func documentStorage() throws -> any DocumentStorage {
        guard let filesDirectory else { return PostgresDocumentStorage() }
        return try DirectoryDocumentStorage(directory: URL(fileURLWithPath: filesDirectory, isDirectory: true))
    }
}
