import Foundation
import MultaqaDomain
import PostgresNIO

/// Rooms, sessions, partners and participants of events. The rules that span rows
/// (no overlap in a room or for a person, sessions within the event, workshops within their room)
/// are enforced by the schema; this store names the broken rule when PostgreSQL refuses a write.
public struct ScheduleStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: Rooms

    public func createRoom(_ room: Room) async throws -> Room {
        let rows = try await database.client.query(
            """
            INSERT INTO rooms (event_id, name, capacity, opens_at, closes_at)
            VALUES (\(room.eventID), \(room.name), \(room.capacity), \(room.opensAt), \(room.closesAt))
            RETURNING id, event_id, name, capacity, opens_at, closes_at, row_version
            """, logger: database.logger)
        return try await Self.oneRoom(rows)
    }

    public func rooms(eventID: UUID) async throws -> [Room] {
        let rows = try await database.client.query(
            "SELECT id, event_id, name, capacity, opens_at, closes_at, row_version FROM rooms WHERE event_id = \(eventID) ORDER BY name",
            logger: database.logger)
        return try await rows.collect().map(Self.room)
    }

    public func room(id: UUID, eventID: UUID) async throws -> Room {
        let rows = try await database.client.query(
            "SELECT id, event_id, name, capacity, opens_at, closes_at, row_version FROM rooms WHERE id = \(id) AND event_id = \(eventID)",
            logger: database.logger)
        return try await Self.oneRoom(rows)
    }

    public func saveRoom(_ room: Room, expectedVersion: Int) async throws -> Room {
        let rows = try await database.client.query(
            """
            UPDATE rooms SET name = \(room.name), capacity = \(room.capacity), opens_at = \(room.opensAt),
                closes_at = \(room.closesAt)
            WHERE id = \(room.id) AND event_id = \(room.eventID) AND row_version = \(expectedVersion)
            RETURNING id, event_id, name, capacity, opens_at, closes_at, row_version
            """, logger: database.logger)
        guard let row = try await rows.collect().first else {
            _ = try await self.room(id: room.id, eventID: room.eventID)
            throw DomainError.staleVersion(detail: "the room changed since version \(expectedVersion)")
        }
        return try Self.room(row)
    }

    public func deleteRoom(id: UUID, eventID: UUID) async throws {
        let rows = try await database.client.delete(
            "DELETE FROM rooms WHERE id = \(id) AND event_id = \(eventID) RETURNING id", logger: database.logger
        ).collect()
        guard rows.first != nil else { throw DomainError.notFound(resource: "room") }
    }

    private static func oneRoom(_ rows: DatabaseClient.Rows) async throws -> Room {
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "room") }
        return try room(row)
    }

    static func room(_ row: PostgresRow) throws -> Room {
        let (id, eventID, name, capacity, opensAt, closesAt, version) = try row.decode(
            (UUID, UUID, String, Int?, Date?, Date?, Int).self)
        return Room(
            id: id, eventID: eventID, name: name, capacity: capacity, opensAt: opensAt, closesAt: closesAt,
            version: version)
    }

    // MARK: Sessions

    static let sessionColumns = """
        id, event_id, kind, title_ar, title_fr, title_en, description_ar, description_fr, description_en,
        starts_at, ends_at, room_id, online_url, language, capacity, track, row_version, number
        """

    public func createSession(_ session: Session) async throws -> Session {
        try await namingRoomClash(session, excluding: nil) {
            try await insertSession(session)
        }
    }

    private func insertSession(_ session: Session) async throws -> Session {
        let rows = try await database.client.query(
            """
            INSERT INTO sessions (event_id, kind, title_ar, title_fr, title_en, description_ar, description_fr,
                                  description_en, starts_at, ends_at, room_id, online_url, language, capacity, track)
            VALUES (\(session.eventID), \(session.kind), \(session.title.ar), \(session.title.fr),
                    \(session.title.en), \(session.description.ar), \(session.description.fr),
                    \(session.description.en), \(session.startsAt), \(session.endsAt), \(session.roomID),
                    \(session.onlineURL), \(session.language), \(session.capacity), \(session.track))
            RETURNING \(unescaped: Self.sessionColumns)
            """, logger: database.logger)
        return try await Self.oneSession(rows)
    }

    public func session(id: UUID, eventID: UUID) async throws -> Session {
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.sessionColumns) FROM sessions WHERE id = \(id) AND event_id = \(eventID)",
            logger: database.logger)
        return try await Self.oneSession(rows)
    }

    public func sessions(eventID: UUID) async throws -> [Session] {
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.sessionColumns) FROM sessions WHERE event_id = \(eventID) ORDER BY starts_at, ends_at, id",
            logger: database.logger)
        return try await rows.collect().map(Self.session)
    }

    public func saveSession(_ session: Session, expectedVersion: Int) async throws -> Session {
        try await namingRoomClash(session, excluding: session.id) {
            try await updateSession(session, expectedVersion: expectedVersion)
        }
    }

    private func updateSession(_ session: Session, expectedVersion: Int) async throws -> Session {
        let rows = try await database.client.query(
            """
            UPDATE sessions SET
                kind = \(session.kind), title_ar = \(session.title.ar), title_fr = \(session.title.fr),
                title_en = \(session.title.en), description_ar = \(session.description.ar),
                description_fr = \(session.description.fr), description_en = \(session.description.en),
                starts_at = \(session.startsAt), ends_at = \(session.endsAt), room_id = \(session.roomID),
                online_url = \(session.onlineURL), language = \(session.language), capacity = \(session.capacity),
                track = \(session.track)
            WHERE id = \(session.id) AND event_id = \(session.eventID) AND row_version = \(expectedVersion)
            RETURNING \(unescaped: Self.sessionColumns)
            """, logger: database.logger)
        guard let row = try await rows.collect().first else {
            _ = try await self.session(id: session.id, eventID: session.eventID)
            throw DomainError.staleVersion(detail: "the session changed since version \(expectedVersion)")
        }
        return try Self.session(row)
    }

    /// A session refused because its room is taken at that time: the refusal names the session
    /// already there, found once the exclusion constraint has spoken (it stays the arbiter).
    private func namingRoomClash(
        _ session: Session, excluding id: UUID?, _ body: () async throws -> Session
    ) async throws -> Session {
        do {
            return try await body()
        } catch let error as DomainError where error.isConflict(rule: "sessions_room_no_overlap") {
            let rows = try await database.client.query(
                """
                SELECT id, title_ar, title_fr, title_en, starts_at, ends_at FROM sessions
                WHERE room_id = \(session.roomID) AND id IS DISTINCT FROM \(id)
                  AND tstzrange(starts_at, ends_at) && tstzrange(\(session.startsAt), \(session.endsAt))
                ORDER BY starts_at, id LIMIT 1
                """, logger: database.logger)
            guard let row = try await rows.collect().first else { throw error }
            let other = try Self.sessionReference(row)
            throw DomainError.conflict(
                rule: "sessions_room_no_overlap",
                detail:
                    "the room already holds session \(other.id.idText) (\(other.title.anyText), \(Self.span(other))) at that time",
                session: other)
        }
    }

    static func sessionReference(_ row: PostgresRow) throws -> SessionReference {
        var cells = Cells(row)
        let id: UUID = try cells.next()
        return SessionReference(id: id, title: try cells.localized(), startsAt: try cells.next(), endsAt: try cells.next())
    }

    static func span(_ session: SessionReference) -> String {
        let format = ISO8601DateFormatter()
        return "\(format.string(from: session.startsAt))–\(format.string(from: session.endsAt))"
    }

    public func deleteSession(id: UUID, eventID: UUID) async throws {
        let rows = try await database.client.query(
            "DELETE FROM sessions WHERE id = \(id) AND event_id = \(eventID) RETURNING id", logger: database.logger)
        guard try await rows.collect().first != nil else { throw DomainError.notFound(resource: "session") }
    }

    private static func oneSession(_ rows: DatabaseClient.Rows) async throws -> Session {
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "session") }
        return try session(row)
    }

    static func session(_ row: PostgresRow) throws -> Session {
        var cells = Cells(row)
        let id: UUID = try cells.next()
        let eventID: UUID = try cells.next()
        let kind: Session.Kind = try cells.next()
        return Session(
            id: id, eventID: eventID, kind: kind, title: try cells.localized(), description: try cells.localized(),
            startsAt: try cells.next(), endsAt: try cells.next(), roomID: try cells.next(), onlineURL: try cells.next(),
            language: try cells.next(), capacity: try cells.next(), track: try cells.next(), version: try cells.next(),
            number: try cells.next())
    }

    // MARK: Partners

    public func putPartner(_ partner: Partner) async throws -> Partner {
        let rows = try await database.client.query(
            """
            INSERT INTO event_partners (event_id, organization_id, role, display_order)
            VALUES (\(partner.eventID), \(partner.organizationID), \(partner.role), \(partner.displayOrder))
            ON CONFLICT (event_id, organization_id)
            DO UPDATE SET role = EXCLUDED.role, display_order = EXCLUDED.display_order
            RETURNING event_id, organization_id, role, display_order
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "partner") }
        return try Self.partner(row)
    }

    public func partners(eventID: UUID) async throws -> [Partner] {
        let rows = try await database.client.query(
            """
            SELECT event_id, organization_id, role, display_order FROM event_partners
            WHERE event_id = \(eventID) ORDER BY display_order, organization_id
            """, logger: database.logger)
        return try await rows.collect().map(Self.partner)
    }

    public func deletePartner(eventID: UUID, organizationID: UUID) async throws {
        let rows = try await database.client.query(
            """
            DELETE FROM event_partners WHERE event_id = \(eventID) AND organization_id = \(organizationID)
            RETURNING event_id
            """, logger: database.logger)
        guard try await rows.collect().first != nil else { throw DomainError.notFound(resource: "partner") }
    }

    static func partner(_ row: PostgresRow) throws -> Partner {
        let (eventID, organizationID, role, order) = try row.decode((UUID, UUID, Partner.Role, Int).self)
        return Partner(eventID: eventID, organizationID: organizationID, role: role, displayOrder: order)
    }

    // MARK: Participants

    /// Adds or changes a person's part in a session. A person already busy elsewhere at that time
    /// is refused with a 409 that names the other session.
    public func putParticipant(_ participant: Participant, eventID: UUID) async throws -> Participant {
        do {
            let rows = try await database.client.query(
                """
                INSERT INTO session_participants (session_id, person_id, event_id, role, talk_title_ar, talk_title_fr,
                                                  talk_title_en, display_order, starts_at, ends_at, active)
                SELECT s.id, \(participant.personID), s.event_id, \(participant.role),
                       \(participant.talkTitle.ar), \(participant.talkTitle.fr), \(participant.talkTitle.en),
                       \(participant.displayOrder), s.starts_at, s.ends_at, e.status <> 'cancelled'
                FROM sessions s JOIN events e ON e.id = s.event_id
                WHERE s.id = \(participant.sessionID) AND s.event_id = \(eventID)
                -- The session's times and the event's status are copied: a concurrent change waits.
                FOR SHARE OF s, e
                ON CONFLICT (session_id, person_id) DO UPDATE SET
                    role = EXCLUDED.role, talk_title_ar = EXCLUDED.talk_title_ar,
                    talk_title_fr = EXCLUDED.talk_title_fr, talk_title_en = EXCLUDED.talk_title_en,
                    display_order = EXCLUDED.display_order
                RETURNING session_id, person_id, role, talk_title_ar, talk_title_fr, talk_title_en, display_order
                """, logger: database.logger)
            guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "session") }
            return try Self.participant(row)
        } catch let error as DomainError where error.isConflict(rule: "session_participants_no_overlap") {
            throw try await overlapConflict(personID: participant.personID, sessionID: participant.sessionID)
        }
    }

    private func overlapConflict(personID: UUID, sessionID: UUID) async throws -> DomainError {
        let rows = try await database.client.query(
            """
            SELECT other.session_id, s.title_ar, s.title_fr, s.title_en, s.starts_at, s.ends_at
            FROM session_participants other
            JOIN sessions s ON s.id = other.session_id
            JOIN sessions mine ON mine.id = \(sessionID)
            WHERE other.person_id = \(personID) AND other.session_id <> \(sessionID) AND other.active
              AND tstzrange(other.starts_at, other.ends_at) && tstzrange(mine.starts_at, mine.ends_at)
            LIMIT 1
            """, logger: database.logger)
        guard let row = try await rows.collect().first else {
            return .conflict(rule: "session_participants_no_overlap", detail: "the person is busy elsewhere at that time")
        }
        let other = try Self.sessionReference(row)
        return .conflict(
            rule: "session_participants_no_overlap",
            detail:
                "the person already takes part in session \(other.id.idText) (\(other.title.anyText), \(Self.span(other))) at that time",
            session: other)
    }

    public func participants(eventID: UUID) async throws -> [Participant] {
        let rows = try await database.client.query(
            """
            SELECT session_id, person_id, role, talk_title_ar, talk_title_fr, talk_title_en, display_order
            FROM session_participants WHERE event_id = \(eventID)
            ORDER BY session_id, display_order, person_id
            """, logger: database.logger)
        return try await rows.collect().map(Self.participant)
    }

    public func deleteParticipant(sessionID: UUID, personID: UUID, eventID: UUID) async throws {
        let rows = try await database.client.query(
            """
            DELETE FROM session_participants
            WHERE session_id = \(sessionID) AND person_id = \(personID) AND event_id = \(eventID)
            RETURNING session_id
            """, logger: database.logger)
        guard try await rows.collect().first != nil else { throw DomainError.notFound(resource: "participant") }
    }

    static func participant(_ row: PostgresRow) throws -> Participant {
        var cells = Cells(row)
        let sessionID: UUID = try cells.next()
        let personID: UUID = try cells.next()
        let role: Participant.Role = try cells.next()
        return Participant(
            sessionID: sessionID, personID: personID, role: role, talkTitle: try cells.localized(),
            displayOrder: try cells.next())
    }
}
