import MultaqaDomain
import PostgresNIO

/// The one place where PostgreSQL's verdicts become domain errors, by SQL state (issue 3).
/// Constraint names carry the rule: a constraint `sessions_room_no_overlap` is reported as that
/// rule, so the API can name it without parsing messages.
public enum DatabaseErrorMapping {
    public static func map(_ error: any Error) -> (any Error) {
        if let transactionError = error as? PostgresTransactionError {
            if let closureError = transactionError.closureError {
                return map(closureError)
            }
            if let beginError = transactionError.beginError {
                return map(beginError)
            }
            if let commitError = transactionError.commitError {
                return map(commitError)
            }
            return error
        }
        guard let psqlError = error as? PSQLError else {
            return error
        }
        guard let serverInfo = psqlError.serverInfo, let sqlState = serverInfo[.sqlState] else {
            // No answer from the server at all: connection refused, closed or timed out.
            return DomainError.unavailable(detail: "the database is not reachable; retry shortly")
        }
        let constraint = serverInfo[.constraintName] ?? "unknown"
        switch sqlState {
        case "23505":  // unique_violation
            return DomainError.conflict(rule: constraint, detail: "a resource with the same unique value exists")
        case "23P01":  // exclusion_violation
            return DomainError.conflict(rule: constraint, detail: "it overlaps an existing resource")
        case "23503":  // foreign_key_violation
            return DomainError.conflict(rule: constraint, detail: "it refers to, or is referred to by, another resource")
        case "23514", "23502", "22001", "22P02", "22007", "22008", "22023":
            // check, not-null, too long, invalid text representation, datetime: input the API
            // should have refused earlier; still a 422, never a 500.
            return DomainError.validation([
                FieldViolation(field: serverInfo[.columnName] ?? constraint, message: "breaks the rule \(constraint)")
            ])
        case "40001", "40P01", "55P03", "57014":
            return DomainError.unavailable(detail: "the database was busy; retry the request")
        case let state where state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300":
            return DomainError.unavailable(detail: "the database is not reachable; retry shortly")
        default:
            return error
        }
    }
}
