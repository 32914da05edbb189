import HTTPTypes
import Hummingbird

/// What is decided before a route is chosen (Hummingbird picks the route by method before any
/// router middleware runs):
/// - HEAD is GET without the body (RFC 9110 §9.3.2): tools and caches probe ETags and sizes.
/// - The public feeds (program, program.ics, schedule.xml) may be read from any web page, so they
///   answer CORS preflights and carry `Access-Control-Allow-Origin: *`; nothing else does, so a
///   page elsewhere cannot drive the rest of the API with a visitor's browser (issue 9).
struct EdgeRouter: HTTPResponderBuilder {
    let router: Router<AppRequestContext>

    struct EdgeResponder<Base: HTTPResponder>: HTTPResponder where Base.Context == AppRequestContext {
        let base: Base

        func respond(to request: Request, context: AppRequestContext) async throws -> Response {
            let isFeed = Self.isPublicFeed(request.uri.path)
            if isFeed, request.method == .options {
                return Response(status: .noContent, headers: Self.corsHeaders + [
                    .accessControlAllowMethods: "GET, HEAD, OPTIONS",
                    .accessControlAllowHeaders: "If-None-Match",
                    .accessControlMaxAge: "86400",
                ])
            }
            var response: Response
            if request.method == .head {
                var head = request.head
                head.method = .get
                let full = try await base.respond(to: Request(head: head, body: request.body), context: context)
                response = Response(status: full.status, headers: full.headers, body: .init())
            } else {
                response = try await base.respond(to: request, context: context)
            }
            if isFeed {
                for field in Self.corsHeaders { response.headers[field.name] = field.value }
            }
            return response
        }

        static var corsHeaders: HTTPFields {
            [.accessControlAllowOrigin: "*", .accessControlExposeHeaders: "ETag, X-Request-Id"]
        }

        /// `/v1/events/{eventId}/program`, `/program.ics`, `/schedule.xml`.
        static func isPublicFeed(_ path: String) -> Bool {
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            return parts.count == 4 && parts[0] == "v1" && parts[1] == "events"
                && ["program", "program.ics", "schedule.xml"].contains(parts[3])
        }
    }

    func buildResponder() -> EdgeResponder<RouterResponder<AppRequestContext>> {
        EdgeResponder(base: router.buildResponder())
    }
}

extension HTTPFields {
    fileprivate static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var result = lhs
        for field in rhs { result[field.name] = field.value }
        return result
    }
}
