import Foundation
import Hummingbird
import MultaqaDomain
import OpenAPIRuntime

/// The one place where errors become HTTP problems. Handlers and stores throw domain errors (the
/// database client has already turned PostgreSQL's into them); the generated server wraps them in
/// `ServerError`; Hummingbird throws `HTTPError`. Anything else is a fault of the service: a 500
/// whose details go to the log, never to the client.
enum ProblemMapping {
    static func problem(for error: any Error) -> (ProblemResponse, isServerFault: Bool) {
        switch error {
        case let error as DomainError:
            return (problem(for: error), false)
        case let error as ServerError:
            return problem(for: error)
        case let error as HTTPError:
            return (problem(for: error), error.status.code >= 500)
        default:
            return (
                ProblemResponse(
                    problem: Problem(
                        status: .internalServerError, detail: "an unexpected error occurred; it was logged with this request's id"
                    )), true
            )
        }
    }

    static func problem(for error: DomainError) -> ProblemResponse {
        switch error {
        case .validation(let violations):
            return ProblemResponse(
                problem: Problem(
                    status: .unprocessableContent, type: "urn:multaqa:problem:validation",
                    title: "The request breaks validation rules",
                    detail: violations.map { "\($0.field): \($0.message)" }.joined(separator: "; "),
                    errors: violations.map { .init(field: $0.field, message: $0.message) }))
        case .notFound(let resource):
            return ProblemResponse(
                problem: Problem(status: .notFound, type: "urn:multaqa:problem:not-found", detail: "no such \(resource)"))
        case .conflict(let rule, let detail, let session, let allowed):
            return ProblemResponse(
                problem: Problem(
                    status: .conflict, type: "urn:multaqa:problem:conflict", detail: detail, rule: rule, allowed: allowed,
                    conflictingSession: session.map {
                        .init(
                            id: SchemaMapping.id($0.id), title: .init(ar: $0.title.ar, fr: $0.title.fr, en: $0.title.en),
                            startsAt: $0.startsAt, endsAt: $0.endsAt)
                    }))
        case .staleVersion(let detail):
            return ProblemResponse(problem: Problem(status: .preconditionFailed, detail: detail))
        case .unauthenticated:
            return ProblemResponse(
                problem: Problem(status: .unauthorized, detail: "send a valid token as Authorization: Bearer TOKEN"),
                headers: [.wwwAuthenticate: "Bearer"])
        case .forbidden(let detail):
            return ProblemResponse(problem: Problem(status: .forbidden, detail: detail))
        case .unavailable(let detail):
            return ProblemResponse(
                problem: Problem(status: .serviceUnavailable, detail: detail), headers: [.retryAfter: "2"])
        case .exceedsLimit(let detail):
            return ProblemResponse(problem: Problem(status: .contentTooLarge, detail: detail))
        case .unacceptableFileType(let detail):
            return ProblemResponse(
                problem: Problem(
                    status: .unsupportedMediaType, type: "urn:multaqa:problem:unsupported-media-type", detail: detail))
        case .rangeBeyondFile(let size):
            return ProblemResponse(
                problem: Problem(status: .rangeNotSatisfiable, detail: "the range lies beyond the file's \(size) bytes"),
                headers: [.contentRange: "bytes */\(size)"])
        }
    }

    private static func problem(for error: ServerError) -> (ProblemResponse, isServerFault: Bool) {
        let underlying = error.underlyingError
        if underlying is DomainError || underlying is HTTPError {
            return problem(for: underlying)
        }
        if let decodingError = underlying as? DecodingError {
            return (problem(for: decodingError), false)
        }
        if let multipart = multipartProblem(underlying) {
            return (multipart, false)
        }
        let status = error.httpStatus
        if status.code >= 500 {
            return (
                ProblemResponse(
                    problem: Problem(
                        status: .internalServerError, detail: "an unexpected error occurred; it was logged with this request's id"
                    )), true
            )
        }
        var detail = error.causeDescription
        if status == .unsupportedMediaType {
            detail = "this operation accepts application/json (\(detail))"
        }
        return (ProblemResponse(problem: Problem(status: status, detail: detail)), false)
    }

    /// A multipart body that breaks the form the contract describes (a part missing, unknown or
    /// twice) or is not multipart at all: the runtime's error types are internal, so they are
    /// told by name (found by contract fuzzing). Their descriptions name parts only.
    static func multipartProblem(_ error: any Error) -> ProblemResponse? {
        let name = String(reflecting: type(of: error))
        guard name.hasPrefix("OpenAPIRuntime.") else { return nil }
        if name.hasSuffix("ValidatorError") {
            return problem(for: DomainError.invalid("body", "\(error)"))
        }
        if name.hasSuffix("ParserError") {
            return ProblemResponse(
                problem: Problem(
                    status: .badRequest, title: "Malformed request body",
                    detail: "the body is not valid multipart/form-data: \(error)"))
        }
        return nil
    }

    private static func problem(for error: HTTPError) -> ProblemResponse {
        var headers = error.headers
        headers[.contentType] = nil
        headers[.contentLength] = nil
        return ProblemResponse(problem: Problem(status: error.status, detail: error.body), headers: headers)
    }

    /// A body that is not JSON at all is a 400; JSON that breaks the contract's schema (a missing
    /// or unknown field, a wrong type, a value outside an enumeration) is a 422 naming the field.
    /// Neither echoes the request's content back.
    static func problem(for error: DecodingError) -> ProblemResponse {
        func path(_ codingPath: [any CodingKey]) -> String {
            let joined = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "body" : joined
        }
        let violation: FieldViolation
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return ProblemResponse(
                problem: Problem(status: .badRequest, title: "Malformed request body", detail: "the body is not valid JSON"))
        case .dataCorrupted(let context):
            violation = FieldViolation(field: path(context.codingPath), message: context.debugDescription)
        case .keyNotFound(let key, let context):
            violation = FieldViolation(field: path(context.codingPath + [key]), message: "is required")
        case .typeMismatch(let type, let context):
            violation = FieldViolation(field: path(context.codingPath), message: "must be of type \(Self.jsonName(type))")
        case .valueNotFound(_, let context):
            violation = FieldViolation(field: path(context.codingPath), message: "must not be null")
        @unknown default:
            violation = FieldViolation(field: "body", message: "does not match the contract")
        }
        return problem(for: DomainError.validation([violation]))
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Int.Type, is Double.Type: "number"
        case is Bool.Type: "boolean"
        default: "object"
        }
    }
}
