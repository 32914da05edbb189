import Foundation
import MultaqaDomain
import PostgresNIO

/// Check-ins at the door, online attendance, the counts organisers report, and the reference
/// list of collectivities.
public struct AttendanceStore: Sendable {
    public struct CheckIn: Sendable, Equatable {
        public let id: UUID
        public let registrationID: UUID
        public let fullName: String?
        public let day: String
        public let sessionID: UUID?
        public let checkedInAt: Date
    }

    public struct Counts: Sendable, Equatable {
        public var byStatus: [String: Int] = [:]
        public var byMode: [String: Int] = [:]
        public var byCategory: [String: Int] = [:]
        public var byCollectivityKind: [String: Int] = [:]
        public var byRegion: [String: Int] = [:]
        public var checkedInByDay: [String: Int] = [:]
    }

    public struct Collectivity: Sendable, Equatable {
        public let code: String
        public let kind: String
        public let name: LocalizedText
        public let parentCode: String?

        public init(code: String, kind: String, name: LocalizedText, parentCode: String?) {
            self.code = code
            self.kind = kind
            self.name = name
            self.parentCode = parentCode
        }
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Checks a registration in by its code, for a day (YYYY-MM-DD in the event's time zone) and
    /// optionally a session. Twice the same day and session is refused by the table's constraint.
    public func checkIn(eventID: UUID, code: String, day: String, sessionID: UUID?, kiosk: UUID? = nil) async throws -> CheckIn {
        let found = try await database.client.query(
            "SELECT id, status, full_name FROM registrations WHERE event_id = \(eventID) AND checkin_code = \(code)",
            logger: database.logger
        ).collect()
        guard let (registrationID, status, fullName) = try found.first?.decode((UUID, RegistrationStatus, String?).self) else {
            throw DomainError.notFound(resource: "registration with this check-in code")
        }
        guard status == .confirmed else {
            throw DomainError.conflict(
                rule: "check_in_not_confirmed",
                detail:
                    "the registration is \(status.rawValue.replacingOccurrences(of: "_", with: " ")); only confirmed attendees check in"
            )
        }
        let rows = try await database.client.query(
            """
            INSERT INTO check_ins (event_id, registration_id, day, session_id, method, kiosk_id)
            VALUES (\(eventID), \(registrationID), \(day)::date, \(sessionID), 'code', \(kiosk))
            RETURNING id, day::text, checked_in_at
            """, logger: database.logger)
        guard let (id, storedDay, at) = try await rows.collect().first?.decode((UUID, String, Date).self) else {
            throw DomainError.unavailable(detail: "the check-in was not stored")
        }
        return CheckIn(
            id: id, registrationID: registrationID, fullName: fullName, day: storedDay, sessionID: sessionID, checkedInAt: at)
    }

    /// A badge scanned at a kiosk: the same rule as `checkIn` (one statement, the table's
    /// constraint refuses a second check-in for the day and session, so of two kiosks scanning the
    /// same badge at once one succeeds), told as what the kiosk shows.
    public func scan(eventID: UUID, code: String, day: String, sessionID: UUID?, kiosk: UUID?) async throws -> ScanOutcome {
        guard let code = CheckInCode.normalised(code) else { return .unknownCode }
        do {
            let checkIn = try await checkIn(eventID: eventID, code: code, day: day, sessionID: sessionID, kiosk: kiosk)
            return .welcome(name: checkIn.fullName)
        } catch DomainError.notFound {
            return .unknownCode
        } catch let error as DomainError where error.isConflict(rule: "check_ins_once") {
            let rows = try await database.client.query(
                "SELECT full_name FROM registrations WHERE event_id = \(eventID) AND checkin_code = \(code)",
                logger: database.logger)
            return .alreadyCheckedIn(name: try await rows.collect().first?.decode(String?.self))
        } catch let error as DomainError where error.isConflict(rule: "check_in_not_confirmed") {
            let rows = try await database.client.query(
                "SELECT status FROM registrations WHERE event_id = \(eventID) AND checkin_code = \(code)",
                logger: database.logger)
            guard let status = try await rows.collect().first?.decode(RegistrationStatus.self) else { return .unknownCode }
            return .notConfirmed(status)
        }
    }

    /// One row of a video platform's participant report.
    public struct OnlineAttendance: Sendable {
        public let email: String
        public let day: String
        public let joinedAt: Date?
        public let leftAt: Date?

        public init(email: String, day: String, joinedAt: Date?, leftAt: Date?) {
            self.email = email
            self.day = day
            self.joinedAt = joinedAt
            self.leftAt = leftAt
        }
    }

    /// Records online attendance matched by email to active registrations; returns how many rows
    /// matched a registration and how many check-ins were new.
    public func importOnline(eventID: UUID, rows attendance: [OnlineAttendance]) async throws -> (matched: Int, recorded: Int) {
        guard !attendance.isEmpty else { return (0, 0) }
        // Arrays of optionals do not bind; absent times travel as empty strings.
        let iso = ISO8601DateFormatter()
        let joined = attendance.map { $0.joinedAt.map(iso.string(from:)) ?? "" }
        let left = attendance.map { $0.leftAt.map(iso.string(from:)) ?? "" }
        let rows = try await database.client.query(
            """
            WITH input AS (
                SELECT email, day, nullif(joined, '')::timestamptz AS joined_at, nullif(left_at, '')::timestamptz AS left_at
                FROM unnest(\(attendance.map(\.email))::text[], \(attendance.map(\.day))::text[],
                            \(joined)::text[], \(left)::text[]) AS i(email, day, joined, left_at)
            ), matched AS (
                SELECT r.id, i.day::date AS day, min(i.joined_at) AS joined_at, max(i.left_at) AS left_at, count(*) AS n
                FROM input i JOIN registrations r ON r.event_id = \(eventID) AND r.email_key = lower(i.email)
                    AND r.status = 'confirmed'
                GROUP BY r.id, i.day
            ), inserted AS (
                INSERT INTO check_ins (event_id, registration_id, day, session_id, method, joined_at, left_at)
                SELECT \(eventID), id, day, NULL, 'online_import', joined_at, left_at FROM matched
                ON CONFLICT ON CONSTRAINT check_ins_once DO NOTHING
                RETURNING id
            )
            SELECT coalesce((SELECT sum(n) FROM matched), 0)::bigint, (SELECT count(*) FROM inserted)
            """, logger: database.logger)
        guard let (matched, recorded) = try await rows.collect().first?.decode((Int, Int).self) else { return (0, 0) }
        return (matched, recorded)
    }

    public func counts(eventID: UUID) async throws -> Counts {
        var counts = Counts()
        let rows = try await database.client.query(
            """
            WITH r AS (
                SELECT r.status, r.mode, r.category, c.kind AS collectivity_kind,
                       CASE WHEN c.kind = 'region' THEN c.code WHEN p.kind = 'region' THEN p.code ELSE g.code END AS region
                FROM registrations r
                LEFT JOIN collectivities c ON c.code = r.collectivity
                LEFT JOIN collectivities p ON p.code = c.parent_code
                LEFT JOIN collectivities g ON g.code = p.parent_code
                WHERE r.event_id = \(eventID)
            )
            SELECT 'status', status, count(*) FROM r GROUP BY status
            UNION ALL SELECT 'mode', mode, count(*) FROM r WHERE status NOT IN ('cancelled', 'rejected') GROUP BY mode
            UNION ALL SELECT 'category', category, count(*) FROM r WHERE status NOT IN ('cancelled', 'rejected') GROUP BY category
            UNION ALL SELECT 'kind', coalesce(collectivity_kind, 'none'), count(*) FROM r
                WHERE status NOT IN ('cancelled', 'rejected') GROUP BY collectivity_kind
            UNION ALL SELECT 'region', coalesce(region, 'none'), count(*) FROM r
                WHERE status NOT IN ('cancelled', 'rejected') GROUP BY region
            UNION ALL SELECT 'day', day::text, count(DISTINCT registration_id) FROM check_ins
                WHERE event_id = \(eventID) GROUP BY day
            """, logger: database.logger)
        for (dimension, key, count) in try rows.decode((String, String, Int).self) {
            switch dimension {
            case "status": counts.byStatus[key] = count
            case "mode": counts.byMode[key] = count
            case "category": counts.byCategory[key] = count
            case "kind": counts.byCollectivityKind[key] = count
            case "region": counts.byRegion[key] = count
            default: counts.checkedInByDay[key] = count
            }
        }
        return counts
    }

    // MARK: Collectivities

    public func collectivities(search: String?, kind: String?, parent: String?, limit: Int) async throws -> [Collectivity] {
        let pattern = search.map { "%" + LikePattern.escape($0) + "%" }
        let rows = try await database.client.query(
            """
            SELECT code, kind, name_ar, name_fr, parent_code FROM collectivities
            WHERE (\(pattern)::text IS NULL OR name_ar ILIKE \(pattern) OR name_fr ILIKE \(pattern) OR code ILIKE \(pattern))
              AND (\(kind)::text IS NULL OR kind = \(kind))
              AND (\(parent)::text IS NULL OR parent_code = \(parent))
            ORDER BY CASE kind WHEN 'region' THEN 0 WHEN 'prefecture' THEN 1 WHEN 'province' THEN 1 ELSE 2 END, code
            LIMIT \(limit)
            """, logger: database.logger)
        return try await rows.collect().map { row in
            let (code, kind, ar, fr, parent) = try row.decode((String, String, String?, String?, String?).self)
            return Collectivity(code: code, kind: kind, name: LocalizedText(ar: ar, fr: fr), parentCode: parent)
        }
    }

    /// Adds or updates collectivities (communes from a CSV): one transaction, all or nothing.
    public func upsertCollectivities(_ items: [Collectivity]) async throws -> Int {
        guard !items.isEmpty else { return 0 }
        let rows = try await database.client.query(
            """
            INSERT INTO collectivities (code, kind, name_ar, name_fr, parent_code)
            SELECT code, kind, nullif(name_ar, ''), nullif(name_fr, ''), nullif(parent_code, '')
            FROM unnest(\(items.map(\.code))::text[], \(items.map(\.kind))::text[],
                        \(items.map { $0.name.ar ?? "" })::text[], \(items.map { $0.name.fr ?? "" })::text[],
                        \(items.map { $0.parentCode ?? "" })::text[]) AS i(code, kind, name_ar, name_fr, parent_code)
            ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name_ar = excluded.name_ar,
                name_fr = excluded.name_fr, parent_code = excluded.parent_code
            RETURNING code
            """, logger: database.logger)
        return try await rows.collect().count
    }
}
