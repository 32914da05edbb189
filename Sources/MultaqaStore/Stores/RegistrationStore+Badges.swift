import Foundation
import MultaqaDomain
import PostgresNIO

extension RegistrationStore {
    /// The badges to print for an event, or for one registration: the registrations with a name
    /// (an erased one has none) that the filter keeps, by name, with their affiliation named as
    /// the directory names it.
    /// - Parameter recording: the organisers' export of the sheet, recorded in the same transaction
    ///   as the read (an attendee's own badge is not an export).
    public func badgeHolders(
        eventID: UUID, _ filter: Filter, registration: UUID? = nil, recording use: AuditedUse? = nil
    ) async throws -> [BadgeHolder] {
        let query: PostgresQuery = try """
        SELECT r.id, r.full_name, r.category, r.checkin_code,
               c.code IS NOT NULL, c.name_ar, c.name_fr,
               o.id IS NOT NULL, o.name_ar, o.name_fr, o.name_en, r.affiliation
        FROM registrations r
        LEFT JOIN collectivities c ON c.code = r.collectivity
        LEFT JOIN organizations o ON o.id = r.organization_id
        WHERE r.event_id = \(eventID) AND r.full_name IS NOT NULL
          AND (\(registration)::uuid IS NULL OR r.id = \(registration))
          AND (\(filter.statuses)::text[] IS NULL OR r.status = ANY(\(filter.statuses)))
          AND (\(filter.mode)::text IS NULL OR r.mode = \(filter.mode))
          AND (\(filter.category)::text IS NULL OR r.category = \(filter.category))
        ORDER BY lower(r.full_name), r.id
        """
        guard let use else {
            return try await database.client.query(query, logger: database.logger).collect().map(Self.badgeHolder)
        }
        let logger = database.logger
        return try await AuditStore.recorded(use, eventID: eventID, database: database) { connection in
            try await connection.query(query, logger: logger).collect().map(Self.badgeHolder)
        }
    }

    private static func badgeHolder(_ row: PostgresRow) throws -> BadgeHolder {
        var cells = Cells(row)
        let id: UUID = try cells.next()
        let name: String = try cells.next()
        let category: AttendeeCategory = try cells.next()
        let code: String = try cells.next()
        let hasCollectivity: Bool = try cells.next()
        let collectivity = LocalizedText(ar: try cells.next(), fr: try cells.next())
        let hasOrganization: Bool = try cells.next()
        let organization = try cells.localized()
        let text: String? = try cells.next()
        let affiliation: BadgeHolder.Affiliation? =
            hasCollectivity
            ? .named(collectivity) : hasOrganization ? .named(organization) : text.map(BadgeHolder.Affiliation.text)
        return BadgeHolder(registrationID: id, name: name, category: category, affiliation: affiliation, checkInCode: code)
    }
}
