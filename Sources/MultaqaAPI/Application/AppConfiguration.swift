import Foundation
import Hummingbird
import Logging
import MultaqaMail
import MultaqaServices
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
    /// Mail to attendees from the outbox; nil: the outbox is left for another instance (the
    /// tests' default, so that only the mail tests send).
    public var mail: MailWorker.Configuration?
    /// Webhook deliveries from the database; nil: left for another instance (the tests' default).
    public var webhooks: WebhookWorker.Configuration?
    /// Webhooks may be registered for loopback, private and link-local addresses.
    public var webhookAllowPrivate = false
    /// Where attendees reach this service (`MULTAQA_PUBLIC_URL`): the manage links the pages show
    /// and the origin their forms may come from; nil: the address each browser used.
    public var publicURL: String?
    /// A streaming replica for reads that may come from one (`DATABASE_REPLICA_URL`); nil: none.
    public var replica: DatabaseEndpoint?
    /// The daily backups this instance takes; nil: none (the tests' default).
    public var backups: BackupScheduler.Configuration?
    /// The retention period of events without their own (`MULTAQA_RETENTION_DAYS`); nil: kept until purged.
    public var retentionDays: Int? = Settings.defaults.retentionDays
    /// Whether this instance erases personal data past its period (`serve`'s; the tests run the
    /// janitor's pass themselves).
    public var retentionJanitor = false

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
        webhookAllowPrivate = settings.webhookAllowPrivate
        publicURL = settings.publicURL
        retentionDays = settings.retentionDays
        retentionJanitor = true
    }

    /// How `serve` sends mail: through the relay of `MULTAQA_SMTP_URL` (msmtp), else into `.eml`
    /// files under the data directory, so that a new installation shows what it would send.
    public static func mail(settings: Settings) throws -> MailWorker.Configuration {
        let data = URL(fileURLWithPath: settings.dataDirectory, isDirectory: true)
        let from = try MailAddress(parsing: settings.mailFrom, setting: Settings.Variable.mailFrom.name)
        let transport: any MailTransport
        if let url = settings.smtpURL {
            // Real mail carries links that attendees must reach: not this machine's loopback.
            guard settings.publicURL != nil else {
                throw Settings.InvalidValue(
                    variable: .publicURL, rule: "must be set when MULTAQA_SMTP_URL is: the links in mails must reach attendees",
                    value: nil)
            }
            transport = try MsmtpTransport(
                relay: try SMTPRelay(url: url), from: from.address, directory: data.appendingPathComponent("msmtp"))
        } else {
            transport = try MailDirectoryTransport(directory: data.appendingPathComponent("mail"))
        }
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        return MailWorker.Configuration(
            transport: transport, composer: NotificationMail(from: from),
            publicURL: settings.publicURL ?? "http://\(host):\(settings.port)")
    }

    /// Where people reach this service, for what is printed (a certificate's verification
    /// address): `publicURL`, else this instance's own address.
    var siteURL: String {
        if let publicURL { return publicURL }
        return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// The storage new documents' files go to.
    func documentStorage() throws -> any DocumentStorage {
        guard let filesDirectory else { return PostgresDocumentStorage() }
        return try DirectoryDocumentStorage(directory: URL(fileURLWithPath: filesDirectory, isDirectory: true))
    }
}
