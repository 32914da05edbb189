import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// The per-request context: Hummingbird's core storage plus the request id that every log line
/// and every problem response of the request carries.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""
    /// The peer's IP address (the load balancer's, behind one): rate limits key on it.
    public var peerAddress: String?
    /// The policy of the operation the router matched, read once by `OperationMiddleware`; nil
    /// for what is not an operation of the contract.
    var policy: OperationPolicy?
    /// The request's bearer credential, read once by `OperationMiddleware`.
    var credential: Credential = .none

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }
}
