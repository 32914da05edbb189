import Hummingbird
import NIOCore

/// Refuses request bodies over the configured limit with 413 before any handler reads them, and
/// buffers the body once so that a handler never sees a half-read stream (issue 3).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limit: Int

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw HTTPError(.contentTooLarge, message: "the request body exceeds \(limit) bytes")
        }
        var request = request
        switch request.method {
        case .post, .put, .patch:
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: limit)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                throw HTTPError(.contentTooLarge, message: "the request body exceeds \(limit) bytes")
            } catch is NIOTooManyBytesError {
                // A chunked body (no Content-Length) that runs past the limit.
                throw HTTPError(.contentTooLarge, message: "the request body exceeds \(limit) bytes")
            }
            request.body = RequestBody(buffer: buffer)
        default:
            break
        }
        return try await next(request, context)
    }
}
