import HTTPTypes
import Hummingbird

/// HEAD is GET without the body (RFC 9110 §9.3.2): tools and caches probe ETags and sizes. It is
/// decided before a route is chosen, because Hummingbird picks the route by method.
struct EdgeRouter: HTTPResponderBuilder {
    let router: Router<AppRequestContext>

    struct EdgeResponder<Base: HTTPResponder>: HTTPResponder where Base.Context == AppRequestContext {
        let base: Base

        func respond(to request: Request, context: AppRequestContext) async throws -> Response {
            guard request.method == .head else {
                return try await base.respond(to: request, context: context)
            }
            var head = request.head
            head.method = .get
            let full = try await base.respond(to: Request(head: head, body: request.body), context: context)
            return Response(status: full.status, headers: full.headers, body: .init())
        }
    }

    func buildResponder() -> EdgeResponder<RouterResponder<AppRequestContext>> {
        EdgeResponder(base: router.buildResponder())
    }
}
