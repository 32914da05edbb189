import HTTPTypes
import Hummingbird

/// The public feeds (program, program.ics, schedule.xml) may be read from any web page, so they
/// carry `Access-Control-Allow-Origin: *` and answer preflights; nothing else does, so a page
/// elsewhere cannot drive the rest of the API with a visitor's browser. Which operations are
/// feeds is their policy's (`OperationPolicy.Traits.publicFeed`); errors of a feed carry the
/// headers too, so that a page can read why.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let headers: HTTPFields = [
        .accessControlAllowOrigin: "*", .accessControlExposeHeaders: "ETag, X-Request-Id",
    ]

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        if OperationPolicy.of(.get, route: context.endpointPath)?.traits.contains(.publicFeed) == true,
            request.method == .get || request.method == .options
        {
            for field in Self.headers { response.headers[field.name] = field.value }
        }
        return response
    }

    /// Adds the preflight answer of every public feed to the router.
    static func addPreflights(to router: Router<AppRequestContext>) {
        for policy in OperationPolicy.all where policy.traits.contains(.publicFeed) {
            router.on(RouterPath(policy.route.path), method: .options) { _, _ in
                var headers = Self.headers
                headers[.accessControlAllowMethods] = "GET, HEAD, OPTIONS"
                headers[.accessControlAllowHeaders] = "If-None-Match"
                headers[.accessControlMaxAge] = "86400"
                return Response(status: .noContent, headers: headers)
            }
        }
    }
}
