import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// The per-request context: Hummingbird's core storage plus the request id that every log line
/// and every problem response of the request carries (issue 3).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""
    /// The peer's IP address (the load balancer's, behind one): rate limits key on it (issue 9).
    public var peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }
}

/// swift-openapi-hummingbird does not hand the request context to the generated handlers, so a
/// middleware publishes it for the duration of the request (as Hummingbird's template does).
struct RequestScope: Sendable {
    var context: AppRequestContext
    /// The `Authorization` header, read by the handlers that need a principal.
    var authorization: String?
    /// The `Content-Type` of a raw upload, which the generated handler does not pass on (issue 7).
    var contentType: String?
    /// Headers a handler adds to its response. The generated serializer percent-encodes header
    /// values (`"v1"` became `%22v1%22`, `/v1/…` became `%2Fv1%2F…`), which breaks ETag and
    /// Location, so these are set here and merged by the middleware instead.
    let responseHeaders = ResponseHeaders()

    @TaskLocal static var current: RequestScope?

    static func setResponseHeader(_ name: HTTPField.Name, _ value: String) {
        current?.responseHeaders.fields.withLock { $0[name] = value }
    }
}

final class ResponseHeaders: Sendable {
    let fields = Mutex<HTTPFields>([:])
}

struct RequestScopeMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        let scope = RequestScope(
            context: context, authorization: request.headers[.authorization], contentType: request.headers[.contentType])
        var response = try await RequestScope.$current.withValue(scope) {
            try await next(request, context)
        }
        for field in scope.responseHeaders.fields.withLock({ $0 }) {
            response.headers[field.name] = field.value
        }
        return response
    }
}
