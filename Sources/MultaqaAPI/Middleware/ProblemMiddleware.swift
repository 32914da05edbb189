import Hummingbird
import Logging
import Synchronization

/// Turns every error into an RFC 9457 problem response: nothing reaches the client as
/// Hummingbird's default `{"error":…}` body or as an empty 500.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: RouteTable

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var (problem, isServerFault) = ProblemMapping.problem(for: error)
            if problem.problem.status == 404, error is HTTPError {
                let allowed = Set(routes.methods(matching: request.uri.path)).sorted()
                if allowed.isEmpty {
                    problem.problem.detail = "no route matches \(request.method.rawValue) \(request.uri.path)"
                } else {
                    problem = ProblemResponse(
                        problem: Problem(
                            status: .methodNotAllowed,
                            detail: "\(request.uri.path) accepts \(allowed.joined(separator: ", "))",
                            allowed: allowed),
                        headers: [.allow: allowed.joined(separator: ", ")])
                }
            }
            if isServerFault {
                context.logger.error(
                    "request failed",
                    metadata: ["request_id": .string(context.requestID), "error": .string(LogSafe.describe(error))])
            } else {
                context.logger.debug(
                    "request refused",
                    metadata: [
                        "request_id": .string(context.requestID), "status": .stringConvertible(problem.problem.status),
                    ])
            }
            return problem.response(requestID: context.requestID, path: request.uri.path)
        }
    }
}
