import AsyncHTTPClient
import Foundation
import Logging
import MultaqaDomain
import MultaqaStore
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Posts due webhook deliveries: every instance runs one. Each is a POST of the JSON payload with
/// its signature (`WebhookSignature`), following no redirect; a 2xx answer within the timeout
/// is a delivery, anything else an attempt to repeat later (`RetryPolicy`).
public struct WebhookWorker: Service {
    public struct Configuration: Sendable {
        /// Loopback, private and link-local receivers allowed (`MULTAQA_WEBHOOK_ALLOW_PRIVATE=1`).
        public var allowPrivate: Bool
        public var retry: RetryPolicy
        public var pollInterval: Duration
        public var batchSize: Int
        public var concurrency: Int
        public var timeout: Duration

        public init(
            allowPrivate: Bool = false, retry: RetryPolicy = .init(), pollInterval: Duration = .seconds(1),
            batchSize: Int = 20, concurrency: Int = 4, timeout: Duration = .seconds(10)
        ) {
            self.allowPrivate = allowPrivate
            self.retry = retry
            self.pollInterval = pollInterval
            self.batchSize = batchSize
            self.concurrency = concurrency
            self.timeout = timeout
        }
    }

    let configuration: Configuration
    let database: Database
    let logger: Logger

    public init(configuration: Configuration, database: Database, logger: Logger) {
        self.configuration = configuration
        self.database = database
        self.logger = logger
    }

    public func run() async throws {
        let client = Self.makeClient(timeout: configuration.timeout)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var taken = 0
                do {
                    taken = try await drainOnce(client: client)
                } catch {
                    logger.warning("webhooks: the deliveries could not be read", metadata: ["error": "\(error)"])
                }
                if taken < configuration.batchSize {
                    try? await Task.sleep(for: configuration.pollInterval)
                }
            }
        }
        try? await client.shutdown().get()
    }

    static func makeClient(timeout: Duration) -> HTTPClient {
        let seconds = Int64(timeout.components.seconds)
        return HTTPClient(
            eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton),
            configuration: .init(
                redirectConfiguration: .disallow,
                timeout: .init(connect: .seconds(min(seconds, 5)), read: .seconds(seconds))))
    }

    /// One batch: returns how many deliveries were taken.
    @discardableResult
    public func drainOnce(client: HTTPClient) async throws -> Int {
        try await WebhookStore(database: database).deliverDue(limit: configuration.batchSize, policy: configuration.retry) {
            pending in
            await BoundedTaskGroup.results(of: pending, limit: configuration.concurrency, key: \.id) { delivery in
                await post(delivery, client: client)
            }
        }
    }

    private func post(_ delivery: WebhookStore.Pending, client: HTTPClient) async -> WebhookStore.Outcome {
        let addresses: [[UInt8]]
        do {
            addresses = try await WebhookDestination.check(delivery.url, allowPrivate: configuration.allowPrivate)
        } catch {
            return .failed(status: nil, reason: "\(error)")
        }
        // Over http, to the address just checked: the name cannot be made to point elsewhere
        // between the check and the connection.
        let pinned = WebhookDestination.pinned(delivery.url, to: addresses)
        var request = HTTPClientRequest(url: pinned?.url ?? delivery.url)
        if let pinned { request.headers.add(name: "Host", value: pinned.host) }
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Multaqa-Webhooks")
        request.headers.add(name: "Multaqa-Event", value: delivery.kind.rawValue)
        request.headers.add(name: "Multaqa-Delivery", value: String(delivery.id))
        request.headers.add(
            name: WebhookSignature.header,
            value: WebhookSignature.value(
                secret: delivery.secret, timestamp: Int(Date().timeIntervalSince1970), body: delivery.payload))
        request.body = .bytes(ByteBuffer(string: delivery.payload))
        do {
            let seconds = Int64(configuration.timeout.components.seconds)
            let response = try await client.execute(request, timeout: .seconds(seconds))
            // The answer's body is not needed; reading a little of it lets the connection be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return .delivered(status: status) }
            logger.info("webhooks: refused", metadata: ["delivery": "\(delivery.id)", "status": "\(status)"])
            return .failed(status: status, reason: "the receiver answered \(status)")
        } catch {
            logger.info("webhooks: not delivered", metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
            return .failed(status: nil, reason: "no answer: \(error)")
        }
    }
}
