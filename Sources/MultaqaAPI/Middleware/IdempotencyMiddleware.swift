import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MultaqaDomain
import MultaqaStore
import NIOCore
import ServiceLifecycle

/// `Idempotency-Key` on registration requests: a retry with the same key gets the first
/// answer again, errors included; the same key with another body gets 422; a key whose first
/// request is still running gets 409 with `Retry-After`. Answers are kept in PostgreSQL, so a
/// retry that reaches another instance is answered the same.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: IdempotencyStore

    static let header = HTTPField.Name("Idempotency-Key")!
    /// Headers worth replaying; the rest (Date, request id) belong to the retry itself.
    static let replayed: [HTTPField.Name] = [.contentType, .location, .eTag, .retryAfter]

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let key = request.headers[Self.header],
            context.policy?.traits.contains(.idempotent) == true
        else {
            return try await next(request, context)
        }
        guard (1...200).contains(key.utf8.count),
            key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x21 && $0.value < 0x7F })
        else {
            throw DomainError.invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters, such as a UUID")
        }
        let body = try await request.body.collect(upTo: .max)
        var hasher = SHA256()
        hasher.update(data: Data(request.uri.path.utf8))
        hasher.update(data: Data((request.headers[.authorization] ?? "").utf8))
        hasher.update(data: Data(buffer: body))
        let hash = Data(hasher.finalize())
        let scope = "POST " + request.uri.path
        let claim = try await store.claim(scope: scope, key: key, requestHash: hash)
        switch claim {
        case .mismatch:
            throw DomainError.invalid("Idempotency-Key", "was already used with another request; use a new key for a new request")
        case .inProgress:
            throw HTTPError(
                .conflict, headers: [.retryAfter: "1"],
                message: "the first request with this Idempotency-Key is still running; retry shortly")
        case .replay(let status, let headers, let stored):
            var fields = HTTPFields()
            for (name, value) in headers {
                if let name = HTTPField.Name(name) { fields[name] = value }
            }
            fields[HTTPField.Name("Idempotent-Replayed")!] = "true"
            return Response(
                status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: stored)))
        case .claimed, .recorded:
            var recorded: IdempotentRequest.Recorded?
            if case .recorded(let registrationID, let manageToken) = claim {
                recorded = .init(registrationID: registrationID, manageToken: manageToken)
            }
            var forwarded = request
            forwarded.body = RequestBody(buffer: body)
            let response: Response
            do {
                let published = IdempotentRequest(key: .init(scope: scope, key: key), recorded: recorded)
                response = try await IdempotentRequest.$current.withValue(published) {
                    try await next(forwarded, context)
                }
            } catch {
                let (problem, isServerFault) = ProblemMapping.problem(for: error)
                if isServerFault || problem.problem.status >= 500 {
                    try? await store.release(scope: scope, key: key)
                    throw error
                }
                response = problem.response(requestID: context.requestID, path: request.uri.path)
            }
            if response.status.code >= 500 {
                try? await store.release(scope: scope, key: key)
                return response
            }
            let bytes = Data(buffer: try await ResponseBodyCollector.collect(response.body))
            var headers: [String: String] = [:]
            for name in Self.replayed {
                if let value = response.headers[name] { headers[name.rawName] = value }
            }
            try await store.complete(scope: scope, key: key, status: Int(response.status.code), headers: headers, body: bytes)
            return Response(
                status: response.status, headers: response.headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
