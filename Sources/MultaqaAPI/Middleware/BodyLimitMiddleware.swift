import Hummingbird
import NIOCore

/// Refuses request bodies over the configured limit with 413 before any handler reads them, and
/// buffers the body once so that a handler never sees a half-read stream.
///
/// Uploads of documents' files are the exception: they stream through to storage, so a
/// 25 MiB file is never held in memory whole. Their size is checked against the upload limit from
/// `Content-Length` here and byte by byte as they stream.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limit: Int
    let uploadLimit: Int

    init(limit: Int, uploadLimit: Int) {
        self.limit = limit
        self.uploadLimit = uploadLimit
    }

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        let policy = context.policy
        if let uploadAllowance = Self.streamedUpload(policy?.body, contentType: request.headers[.contentType]) {
            let allowed = uploadLimit + uploadAllowance
            if let declared = request.headers[.contentLength].flatMap(Int.init), declared > allowed {
                throw HTTPError(.contentTooLarge, message: "the file exceeds the limit of \(uploadLimit) bytes")
            }
            // A chunked body declares no length: it is counted as it streams, so that no part of
            // a form (the metadata part is read whole) can grow without bound.
            var request = request
            request.body = RequestBody(asyncSequence: CountedBody(base: request.body, limit: allowed, fileLimit: uploadLimit))
            return try await next(request, context)
        }
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

    /// For a streamed upload, the bytes allowed beyond the file itself; nil for a body read whole.
    static func streamedUpload(_ body: OperationPolicy.Body?, contentType: String?) -> Int? {
        switch body {
        case .streamed(let overhead):
            return overhead
        case .streamedWhenMultipart(let overhead):
            return contentType?.lowercased().hasPrefix("multipart/form-data") == true ? overhead : nil
        case .buffered, nil:
            return nil
        }
    }
}
