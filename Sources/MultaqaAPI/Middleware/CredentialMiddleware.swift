import Hummingbird

/// Reads the request's bearer credential once, for the middlewares and handlers after it.
struct CredentialMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.credential = Credential(authorization: request.headers[.authorization])
        return try await next(request, context)
    }
}
