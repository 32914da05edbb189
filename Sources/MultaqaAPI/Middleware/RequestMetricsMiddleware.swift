import HTTPTypes
import Hummingbird

/// Counts and times each request under Hummingbird's metric names, without touching the response's
/// body. Hummingbird's own `MetricsMiddleware` records once the body is written, by wrapping it,
/// and a wrapped body is written as a stream: the head in one system call, the body in another,
/// where a body held in memory goes out with its head in one (bench/program: two `write`s per
/// cached programme answer against the ceiling's one `writev`). So the duration here runs until the
/// response is handed over; a streamed body's own writing (a document, an export) is not in it.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let metrics = RequestMetrics()

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let active = metrics.active(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let endpoint = metrics.endpoint(
                route: context.endpointPath ?? "Unknown", method: request.method, status: response.status)
            endpoint.requests.increment()
            let elapsed = ContinuousClock.now - started
            endpoint.duration.recordNanoseconds(
                elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let endpoint = metrics.endpoint(
                route: context.endpointPath ?? "NotFound", method: request.method, status: status)
            endpoint.requests.increment()
            endpoint.errors.increment()
            throw error
        }
    }
}
