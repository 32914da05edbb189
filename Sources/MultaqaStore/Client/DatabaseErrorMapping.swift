import MultaqaDomain
import PostgresNIO

/// The one place where PostgreSQL's verdicts become domain errors, by SQL state; `DatabaseClient`
/// applies it to every statement, so nothing above the store sees an SQL state.
/// Constraint names carry the rule: a constraint `sessions_room_no_overlap` is reported as that
/// rule, so the API can name it without parsing messages.
enum DatabaseErrorMapping {
    /// Rules the schema enforces, in the API's words: the field a client should fix, and how.
    static let knownRules: [String: FieldViolation] = [
        "events_slug_unique": FieldViolation(field: "slug", message: "another event already uses this slug"),
        "rooms_name_unique": FieldViolation(field: "name", message: "this event already has a room with this name"),
        "sessions_room_no_overlap": FieldViolation(
            field: "roomId", message: "the room already holds another session at that time"),
        "session_participants_no_overlap": FieldViolation(
            field: "personId", message: "the person takes part in another session at that time"),
        "sessions_within_event": FieldViolation(field: "startsAt", message: "the session must lie within its event's dates"),
        "sessions_capacity_within_room": FieldViolation(
            field: "capacity", message: "must not exceed the capacity of the session's room"),
        "events_contain_sessions": FieldViolation(
            field: "startsAt", message: "the new dates would leave sessions outside the event"),
        "sessions_room_fk": FieldViolation(field: "roomId", message: "is not a room of this event"),
        "people_organization_fk": FieldViolation(field: "organizationId", message: "is not an existing organization"),
        "event_partners_organization_fk": FieldViolation(
            field: "organizationId", message: "is not an existing organization"),
        "session_participants_person_fk": FieldViolation(field: "personId", message: "is not an existing person"),
        "events_series_fk": FieldViolation(field: "seriesId", message: "is not an existing series"),
        "api_tokens_person_fk": FieldViolation(field: "person", message: "is not an existing person"),
        "registrations_email_unique": FieldViolation(
            field: "email",
            message:
                "this email is already registered for this event; manage that registration with the link and token sent when it was made, or ask the organisers"
        ),
        "check_ins_once": FieldViolation(
            field: "code", message: "already checked in for this day and session"),
        "invitation_codes_unique": FieldViolation(field: "code", message: "this event already has this invitation code"),
        "check_ins_session_fk": FieldViolation(field: "sessionId", message: "is not a session of this event"),
        "collectivities_parent_fk": FieldViolation(field: "parent", message: "is not a known collectivity"),
        "recommendations_merged_same_event": FieldViolation(
            field: "mergedInto", message: "must be another recommendation of the same event"),
        "recommendations_owner_fk": FieldViolation(field: "ownerId", message: "is not an existing organization"),
        "recommendations_session_fk": FieldViolation(field: "sessionId", message: "is not an existing session"),
        "documents_session_fk": FieldViolation(field: "sessionId", message: "is not a session of this event"),
        "documents_recommendation_fk": FieldViolation(
            field: "recommendationId", message: "is not a recommendation of this event"),
        "media_links_session_fk": FieldViolation(field: "sessionId", message: "is not a session of this event"),
        "media_links_url_check": FieldViolation(field: "url", message: "must be an http or https URL"),
    ]

    /// Why a row cannot be deleted while others refer to it.
    static let stillUsed: [String: String] = [
        "event_partners_organization_fk": "the organization is a partner of an event; remove it from the event first",
        "people_organization_fk": "people are affiliated with the organization",
        "session_participants_person_fk": "the person takes part in sessions; remove them from the sessions first",
        "sessions_room_fk": "sessions are scheduled in the room; move them first",
        "registration_workshops_session_fk": "attendees chose this workshop; move or cancel their registrations first",
        "recommendations_session_fk": "recommendations came from this session; move them to another session first",
        "recommendations_merged_same_event": "other recommendations were merged into this one",
    ]

    /// What a failed foreign key means: a reference to a row that does not exist (an insert or an
    /// update), or a row that others still refer to (a delete).
    enum References {
        case required
        case stillUsed
    }

    /// The error PostgreSQL or the body raised, out of PostgresNIO's transaction wrapper.
    static func unwrapped(_ error: any Error) -> any Error {
        guard let transactionError = error as? PostgresTransactionError else { return error }
        if let inner = transactionError.closureError ?? transactionError.beginError ?? transactionError.commitError {
            return unwrapped(inner)
        }
        return error
    }

    /// A deadlock or a serialization failure: the statement was rolled back whole and may run again.
    static func lostToConcurrentTransaction(_ error: any Error) -> Bool {
        guard let state = (error as? PSQLError)?.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }

    /// The domain error for `error`; an error that is not PostgreSQL's, or that no rule explains,
    /// is returned as it is.
    static func map(_ error: any Error, references: References = .required) -> any Error {
        let error = unwrapped(error)
        guard let psqlError = error as? PSQLError else {
            return error
        }
        guard let serverInfo = psqlError.serverInfo, let sqlState = serverInfo[.sqlState] else {
            // No answer from the server at all: connection refused, closed or timed out.
            return DomainError.unavailable(detail: "the database is not reachable; retry shortly")
        }
        let constraint = serverInfo[.constraintName] ?? "unknown"
        switch sqlState {
        // Raised by the registration functions (sql/0004, 0008): the message names the
        // resource, the rule or the field; the detail says why in the API's words.
        case "MQ404":
            return DomainError.notFound(resource: serverInfo[.message] ?? "resource")
        case "MQ409":
            return DomainError.conflict(rule: serverInfo[.message] ?? "conflict", detail: serverInfo[.detail] ?? "")
        case "MQ422":
            return DomainError.validation(
                [FieldViolation(field: serverInfo[.message] ?? "body", message: serverInfo[.detail] ?? "is not valid")])
        case "23505":  // unique_violation
            let rule = knownRules[constraint]
            return DomainError.conflict(rule: constraint, detail: rule?.message ?? "a resource with the same unique value exists")
        case "23P01":  // exclusion_violation
            let rule = knownRules[constraint]
            return DomainError.conflict(rule: constraint, detail: rule?.message ?? "it overlaps an existing resource")
        case "23503" where references == .stillUsed:
            return DomainError.conflict(rule: constraint, detail: stillUsed[constraint] ?? "it is still in use")
        case "23503":  // foreign_key_violation: a reference to nothing
            let rule = knownRules[constraint] ?? FieldViolation(field: constraint, message: "refers to nothing that exists")
            return DomainError.validation([rule])
        case "23514", "23502", "22001", "22P02", "22007", "22008", "22023":
            // check, not-null, too long, invalid text representation, datetime: input the domain
            // should have refused earlier, or a rule only the database can check (a session
            // within its event); a 422 either way, never a 500.
            let rule =
                knownRules[constraint]
                ?? FieldViolation(field: serverInfo[.columnName] ?? constraint, message: "breaks the rule \(constraint)")
            return DomainError.validation([rule])
        case "22021", "22003":
            // Invalid text (a NUL) or a number out of its column's range that a check missed:
            // the client's input, so a 422, never a 500.
            return DomainError.validation([
                FieldViolation(
                    field: serverInfo[.columnName] ?? "body",
                    message: sqlState == "22021" ? "must be valid text without NUL characters" : "is out of range")
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
