import Foundation
import Hummingbird
import Logging
import MultaqaServices
import MultaqaStore
import OpenAPIHummingbird
import OpenAPIRuntime

/// Builds the application exactly as production runs it; tests call this too and drive it with
/// `app.test(.router)`. The database pool runs as one of the application's services, so
/// it starts before the first request and closes after the last one on graceful shutdown.
public func buildApplication(
    configuration: AppConfiguration, database: Database, logger: Logger
) throws -> some ApplicationProtocol {
    let cache = ProgramCache()
    // Waited for briefly: a replica slow to hand a connection sends its reads to the primary.
    let replica = configuration.replica.map {
        ReadReplica(
            database: Database(
                endpoint: $0, maximumConnections: database.client.maximumConnections, leaseTimeout: .milliseconds(500),
                logger: logger))
    }
    let router = try buildRouter(configuration: configuration, database: database, programCache: cache, replica: replica)
    var app = Application(
        router: EdgeRouter(router: router),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "Multaqa"),
        logger: logger)
    app.addServices(
        database.pool, PoolWarmer(database: database, connections: configuration.warmConnections),
        ProgramCacheListener(cache: cache, database: database),
        IdempotencyJanitor(store: IdempotencyStore(database: database)),
        DocumentJanitor(store: DocumentStore(database: database, storage: try configuration.documentStorage())))
    if let replica {
        app.addServices(replica.database.pool)
    }
    if let mail = configuration.mail {
        app.addServices(MailWorker(configuration: mail, database: database, logger: logger))
    }
    if let webhooks = configuration.webhooks {
        app.addServices(WebhookWorker(configuration: webhooks, database: database, logger: logger))
    }
    if let backups = configuration.backups {
        app.addServices(BackupScheduler(configuration: backups, logger: logger))
    }
    if configuration.retentionJanitor {
        app.addServices(
            RetentionJanitor(
                store: RetentionStore(database: database), defaultDays: configuration.retentionDays, logger: logger))
    }
    return app
}

public func buildRouter(
    configuration: AppConfiguration, database: Database, programCache: ProgramCache = ProgramCache(),
    replica: ReadReplica? = nil
) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let routes = RouteTable()
    _ = Observability.bootstrapped
    // One budget per client for the API's public writes and the pages' forms.
    let limiter = configuration.publicWritesPerMinute.flatMap { $0 > 0 ? RateLimiter(perMinute: $0) : nil }
    // Router middleware runs once the route is matched: each one asks the operation's policy
    // (`OperationPolicy`, by `context.endpointPath`) what to do, never the path.
    router.addMiddleware {
        RequestLogMiddleware()
        // Outside the problem middleware, so that it counts the status the client got.
        RequestMetricsMiddleware()
        // Outside too, so that a feed's errors carry its CORS headers.
        CORSMiddleware()
        ProblemMiddleware(routes: routes)
        OperationMiddleware()
        ProgramCacheMiddleware(programs: ProgramStore(database: database), cache: programCache)
        if let limiter {
            RateLimitMiddleware(limiter: limiter, trustedProxies: configuration.trustedProxies)
        }
        BodyLimitMiddleware(limit: configuration.maxBodySize, uploadLimit: configuration.maxUploadSize)
        IdempotencyMiddleware(store: IdempotencyStore(database: database))
        // Innermost: it publishes the request's scope to the generated handlers.
        RequestScopeMiddleware()
    }
    router.get("openapi.yaml") { _, _ in
        OpenAPIDocument.response()
    }
    CORSMiddleware.addPreflights(to: router)
    let api = APIImplementation(
        database: database, documentStorage: try configuration.documentStorage(), uploadLimit: configuration.maxUploadSize,
        faults: configuration.faults, webhookAllowPrivate: configuration.webhookAllowPrivate, siteURL: configuration.siteURL,
        backupDirectory: configuration.backups?.directory, retentionDays: configuration.retentionDays, replica: replica)
    // Compact JSON: the program of a two-day forum is a fifth smaller without indentation, and
    // it is what phones download most. Keys stay sorted so that bodies are stable. Dates are
    // written by `InternetDateTranscoder`, the same text without a locked formatter.
    try api.registerHandlers(
        on: router,
        configuration: Configuration(
            dateTranscoder: InternetDateTranscoder(), jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]))
    let guardian = FormGuard(keys: PageKeyStore(database: database), publicURL: configuration.publicURL)
    let pages = PageController(
        database: database, cache: programCache, guardian: guardian, limiter: limiter,
        trustedProxies: configuration.trustedProxies, publicURL: configuration.publicURL, replica: replica)
    PageRoutes.add(
        to: router, controller: pages, checkIn: CheckInController(database: database, guardian: guardian, pages: pages),
        certificates: CertificatePageController(database: database, pages: pages))
    routes.record(router.routes.map { (path: $0.path.description, method: $0.method.rawValue) })
    return router
}
