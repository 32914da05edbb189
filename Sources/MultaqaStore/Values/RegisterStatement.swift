import Foundation
import MultaqaDomain
import PostgresNIO

/// The one statement a registration sends, prepared once per connection: the busiest statement of
/// the service is parsed and planned once, not on every call.
struct RegisterStatement: PostgresPreparedStatement {
    typealias Row = (UUID, RegistrationStatus, Int?, Date, Date, Language, Bool)

    static let name = "multaqa_register"
    static let sql = """
        SELECT registration_id, status, waitlist_position, created_at, consent_at, language, ranked
        FROM multaqa_register($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
        """

    let eventID: UUID
    let mode: AttendanceMode
    let fullName: String
    let email: String
    let phone: String?
    let category: AttendeeCategory
    let collectivity: String?
    let organization: UUID?
    let affiliation: String?
    let position: String?
    let workshops: [UUID]
    let invitationCode: String?
    let checkInCode: String
    let manageHash: Data
    let byOrganizer: Bool
    let idempotency: IdempotencyStore.Key?
    /// Kept by the outbox until the confirmation carrying it is sent, and by the request's
    /// idempotency key when there is one.
    let manageToken: String
    /// nil: the event's.
    let language: Language?

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 19)
        bindings.append(eventID)
        try bindings.append(mode)
        bindings.append(fullName)
        bindings.append(email)
        bindings.append(phone)
        try bindings.append(category)
        bindings.append(collectivity)
        bindings.append(organization)
        bindings.append(affiliation)
        bindings.append(position)
        bindings.append(workshops)
        bindings.append(invitationCode)
        bindings.append(checkInCode)
        try bindings.append(manageHash)
        bindings.append(byOrganizer)
        bindings.append(idempotency?.scope)
        bindings.append(idempotency?.key)
        bindings.append(manageToken)
        try bindings.append(language)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
