import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives each request an id (`X-Request-Id`, echoed when the client sent a sane one, generated
/// otherwise), puts it on every log line of the request and on the response, and logs one line
/// per request with route, status and duration.
struct RequestLogMiddleware: RouterMiddleware {
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let requestID = Self.acceptable(request.headers[Self.header]) ?? RequestID.next()
        // The id goes on each line this service logs for the request (here and in
        // `ProblemMiddleware`), not into the logger's metadata: changing that copied the
        // handler's whole metadata on every request, a twentieth of serving a cached program.
        context.requestID = requestID
        let started = ContinuousClock.now
        // Errors never escape: the problem middleware inside this one renders them all.
        var response = try await next(request, context)
        response.headers[Self.header] = requestID
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "request",
            metadata: [
                "request_id": .string(requestID),
                "method": .string(request.method.rawValue),
                // The path only: query strings may carry tokens or personal data. A manage link's
                // path is itself a secret: its route stands in for it.
                "path": .string(PageRoutes.loggable(path: request.uri.path, route: context.endpointPath)),
                "route": .string(context.endpointPath ?? "-"),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(format: "%.2f", milliseconds)),
            ])
        return response
    }

    /// A client's id is echoed only when it is short printable ASCII: it ends up in logs.
    static func acceptable(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128,
            value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            return nil
        }
        return value
    }
}
