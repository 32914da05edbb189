import Foundation
import Hummingbird

/// A problem and the headers that go with it (`Allow`, `Retry-After`, `WWW-Authenticate`).
struct ProblemResponse {
    var problem: Problem
    var headers: HTTPFields = [:]

    func response(requestID: String, path: String) -> Response {
        var problem = problem
        problem.requestId = requestID
        problem.instance = path
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let body = (try? encoder.encode(problem)) ?? Data(#"{"type":"about:blank","title":"Error","status":500}"#.utf8)
        var headers = headers
        headers[.contentType] = Problem.mediaType
        headers[.cacheControl] = "no-store"
        return Response(
            status: .init(code: problem.status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
