import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Publishes the request's scope to the generated handlers and merges the headers they set.
struct RequestScopeMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        let scope = RequestScope(context: context, credential: context.credential, contentType: request.headers[.contentType])
        var response = try await RequestScope.$current.withValue(scope) {
            try await next(request, context)
        }
        for field in scope.responseHeaders.fields.withLock({ $0 }) {
            response.headers[field.name] = field.value
        }
        return response
    }
}
