import Hummingbird

/// HEAD is GET without the body (RFC 9110 §9.3.2): tools and caches probe ETags and sizes with it.
/// Hummingbird routes only the methods registered and picks the route before any router
/// middleware runs, so HEAD is turned into GET around the whole router.
struct HeadAwareRouter: HTTPResponderBuilder {
    let router: Router<AppRequestContext>

    struct HeadResponder<Base: HTTPResponder>: HTTPResponder where Base.Context == AppRequestContext {
        let base: Base

        func respond(to request: Request, context: AppRequestContext) async throws -> Response {
            guard request.method == .head else { return try await base.respond(to: request, context: context) }
            var head = request.head
            head.method = .get
            let response = try await base.respond(to: Request(head: head, body: request.body), context: context)
            return Response(status: response.status, headers: response.headers, body: .init())
        }
    }

    func buildResponder() -> HeadResponder<RouterResponder<AppRequestContext>> {
        HeadResponder(base: router.buildResponder())
    }
}
