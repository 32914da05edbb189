import Foundation
import MultaqaDomain
import MultaqaReports
import MultaqaStore
import OpenAPIRuntime

/// Check-in at the door, online attendance, counts, and the collectivities reference.
extension APIImplementation {
    /// Open to a kiosk without a token (the code is the credential); only organisers see whose
    /// code it was.
    func createCheckIn(_ input: Operations.CreateCheckIn.Input) async throws -> Operations.CreateCheckIn.Output {
        let principal = try await optionalPrincipal()
        let isOrganizer = principal.map { $0.role >= .organizer } ?? false
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await visibleEvent(input.path.eventId, principal: principal)
        guard let code = CheckInCode.normalised(body.code) else {
            throw DomainError.notFound(resource: "registration with this check-in code")
        }
        let sessionID = try SchemaMapping.uuid(body.sessionId, field: "sessionId")
        var sessionStart: Date?
        if let sessionID {
            do {
                sessionStart = try await schedule.session(id: sessionID, eventID: event.id).startsAt
            } catch DomainError.notFound {
                throw DomainError.invalid("sessionId", "is not a session of this event")
            }
        }
        let day = try CheckInDay.resolve(body.day, event: event, sessionStart: sessionStart)
        let checkIn = try await attendance.checkIn(eventID: event.id, code: code, day: day, sessionID: sessionID)
        return .created(
            .init(
                body: .json(
                    .init(
                        id: SchemaMapping.id(checkIn.id), registrationId: SchemaMapping.id(checkIn.registrationID),
                        fullName: isOrganizer ? checkIn.fullName : nil, day: checkIn.day,
                        sessionId: checkIn.sessionID.map(SchemaMapping.id), checkedInAt: checkIn.checkedInAt))))
    }

    func getAttendance(_ input: Operations.GetAttendance.Input) async throws -> Operations.GetAttendance.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        let counts = try await attendance.counts(eventID: event.id)
        func map(_ values: [String: Int]) -> Components.Schemas.Counts { .init(additionalProperties: values) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        byStatus: map(counts.byStatus), byMode: map(counts.byMode), byCategory: map(counts.byCategory),
                        byCollectivityKind: map(counts.byCollectivityKind), byRegion: map(counts.byRegion),
                        checkedInByDay: map(counts.checkedInByDay)))))
    }

    func importOnlineAttendance(
        _ input: Operations.ImportOnlineAttendance.Input
    ) async throws
        -> Operations.ImportOnlineAttendance.Output
    {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        guard event.format.isOnline else {
            throw DomainError.conflict(rule: "online_import_in_person", detail: "an in-person event has no online attendance")
        }
        guard case .csv(let body) = input.body else { throw DomainError.invalid("body", "must be CSV") }
        let text = try await String(collecting: body, upTo: 16 << 20)
        let rows: [OnlineAttendanceCSV.Row]
        do {
            rows = try OnlineAttendanceCSV.parse(text, timezone: event.timezone)
        } catch .empty {
            throw DomainError.invalid("body", "the CSV is empty: a header row, then one row per participant")
        } catch .noEmailColumn {
            throw DomainError.invalid("body", "the CSV has no email column (a header such as Email, User Email or Courriel)")
        }
        let calendar = Program.calendar(event.timezone)
        let fallbackDay = Program.day(event.startsAt, calendar)
        let attendanceRows = rows.map { row in
            AttendanceStore.OnlineAttendance(
                email: row.email, day: row.joinedAt.map { Program.day($0, calendar) } ?? fallbackDay,
                joinedAt: row.joinedAt, leftAt: row.leftAt)
        }
        let (matched, recorded) = try await attendance.importOnline(eventID: event.id, rows: attendanceRows)
        return .ok(
            .init(body: .json(.init(rows: rows.count, matched: matched, recorded: recorded, unmatched: rows.count - matched))))
    }

    func listCollectivities(_ input: Operations.ListCollectivities.Input) async throws -> Operations.ListCollectivities.Output {
        var violations: [FieldViolation] = []
        let search = TextRules.clean(input.query.q, field: "q", maxLength: 200, into: &violations)
        let parent = TextRules.clean(input.query.parent, field: "parent", maxLength: 40, into: &violations)
        guard violations.isEmpty else { throw DomainError.validation(violations) }
        let limit = input.query.limit ?? 100
        guard (1...500).contains(limit) else { throw DomainError.invalid("limit", "must be between 1 and 500") }
        let found = try await attendance.collectivities(
            search: search, kind: input.query.kind?.rawValue, parent: parent?.uppercased(), limit: limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try found.map { item in
                            .init(
                                code: item.code, kind: try .init(stored: item.kind),
                                name: SchemaMapping.text(item.name) ?? .init(), parent: item.parentCode)
                        }))))
    }
}
