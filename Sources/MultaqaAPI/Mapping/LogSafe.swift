import OpenAPIRuntime
import PostgresNIO

/// What an unexpected error says in the log, without what it carries of the request:
/// the generated server's `ServerError` holds the whole request, `Authorization` header and
/// manage tokens included, and PostgresNIO's full description lists a statement's bound values,
/// personal data among them.
enum LogSafe {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as ServerError:
            return "operation \(error.operationID): \(describe(error.underlyingError))"
        case let error as PostgresTransactionError:
            if let inner = error.closureError ?? error.beginError ?? error.commitError {
                return "transaction: \(describe(inner))"
            }
            return "transaction failed"
        case let error as PSQLError:
            let info = error.serverInfo
            return "PostgreSQL error \(error.code): SQLSTATE \(info?[.sqlState] ?? "-"), \(info?[.message] ?? "no message")"
                + (error.query.map { ", statement: \($0.sql)" } ?? "")
        case is DecodingError:
            return "the body did not decode"
        default:
            return "\(type(of: error)): \(error)"
        }
    }
}
