import Hummingbird
import Logging

/// The per-request context: Hummingbird's core storage plus the request id that every log line
/// and every problem response of the request carries (issue 3).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}

/// swift-openapi-hummingbird does not hand the request context to the generated handlers, so a
/// middleware publishes it for the duration of the request (as Hummingbird's template does).
enum RequestScope {
    @TaskLocal static var context: AppRequestContext?
}

struct RequestScopeMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        try await RequestScope.$context.withValue(context) {
            try await next(request, context)
        }
    }
}
