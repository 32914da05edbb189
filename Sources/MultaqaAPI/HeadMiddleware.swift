import Hummingbird

/// HEAD is GET without the body (RFC 9110 §9.3.2): tools and caches probe ETags and sizes with it,
/// and Hummingbird routes only the methods registered.
struct HeadMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .head else { return try await next(request, context) }
        var head = request.head
        head.method = .get
        let response = try await next(Request(head: head, body: request.body), context)
        return Response(status: response.status, headers: response.headers, body: .init())
    }
}
