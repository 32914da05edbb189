import Hummingbird

/// Reads once what the middlewares and handlers after it ask of a request: the policy of the
/// operation the router matched, and the bearer credential.
struct OperationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.policy = OperationPolicy.of(request.method, route: context.endpointPath)
        context.credential = Credential(authorization: request.headers[.authorization])
        return try await next(request, context)
    }
}
