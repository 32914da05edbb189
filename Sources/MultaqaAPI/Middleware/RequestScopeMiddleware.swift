import Hummingbird

/// Publishes the request's scope to the generated handlers.
struct RequestScopeMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        let scope = RequestScope(context: context, credential: context.credential, contentType: request.headers[.contentType])
        return try await RequestScope.$current.withValue(scope) {
            try await next(request, context)
        }
    }
}
