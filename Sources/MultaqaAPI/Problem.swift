import Foundation
import Hummingbird

/// An RFC 9457 problem details body, as every error of the API is rendered (issue 3).
struct Problem: Codable, Equatable, Sendable {
    struct FieldError: Codable, Equatable, Sendable {
        var field: String
        var message: String
    }

    /// `about:blank` where the status says it all; a `urn:multaqa:problem:` name for a domain rule.
    var type: String
    var title: String
    var status: Int
    var detail: String?
    var instance: String?
    var requestId: String?
    var errors: [FieldError]?
    /// The rule a 409 conflict broke, in the database's words (a constraint name).
    var rule: String?
    /// For 405: the methods the path accepts.
    var allowed: [String]?

    static let mediaType = "application/problem+json"

    init(
        status: HTTPResponse.Status, type: String = "about:blank", title: String? = nil, detail: String? = nil,
        errors: [FieldError]? = nil, rule: String? = nil, allowed: [String]? = nil
    ) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
        self.rule = rule
        self.allowed = allowed
    }
}

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
