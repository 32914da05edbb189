import Foundation
import MultaqaDomain
import PostgresNIO

/// Reads an event's whole program in a few queries.
public struct ProgramStore: Sendable {
    let database: Database
    /// Where whole programs may be read when it has replayed their last change.
    let replica: ReadReplica?

    public init(database: Database, replica: ReadReplica? = nil) {
        self.database = database
        self.replica = replica
    }

    /// The program's version, which every change that shows in the program bumps, and its media
    /// phase, which time moves on (a live stream appears, a recording is shown): the ETag.
    public func version(eventID: UUID) async throws -> (program: Int, media: Int) {
        let rows = try await database.client.query(
            """
            SELECT coalesce((SELECT version FROM program_versions WHERE event_id = \(eventID)), 0),
                   multaqa_media_phase(\(eventID))
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { return (0, 0) }
        let (program, media) = try row.decode((Int, Int).self)
        return (program, media)
    }

    /// The whole program, from the replica when it has replayed the program's last change
    /// (`ReadReplica`: the program version and media phase agree with the primary's).
    public func program(event: Event) async throws -> Program {
        guard let replica else { return try await build(event) }
        let eventID = event.id
        return try await replica.read(
            primary: database,
            mark: { database in
                let version = try await ProgramStore(database: database).version(eventID: eventID)
                return [version.program, version.media]
            },
            { database in try await ProgramStore(database: database).build(event) })
    }

    private func build(_ event: Event) async throws -> Program {
        let schedule = ScheduleStore(database: database)
        // The version is read before the content, never after: an ETag may then name a program
        // older than the body (harmless, a client just downloads again), never a newer one (a
        // client would keep an old body under the new ETag).
        let version = try await self.version(eventID: event.id)
        async let documents = DocumentStore.publicDocuments(eventID: event.id, database: database)
        async let links = MediaLinkStore(database: database).list(eventID: event.id, shownOnly: true)
        async let rooms = schedule.rooms(eventID: event.id)
        async let sessions = schedule.sessions(eventID: event.id)
        async let partners = partners(eventID: event.id)
        async let speakers = speakers(eventID: event.id)

        let roomsByID = Dictionary(uniqueKeysWithValues: try await rooms.map { ($0.id, $0) })
        let speakersBySession = Dictionary(grouping: try await speakers, by: \.participant.sessionID)
        let slots = try await sessions.map { session in
            Program.Slot(
                session: session, room: session.roomID.flatMap { roomsByID[$0] },
                speakers: speakersBySession[session.id] ?? [])
        }
        var program = Program(
            event: event, partners: try await partners, slots: slots, rooms: try await rooms,
            version: version.program)
        program.documents = try await documents
        program.links = try await links
        program.mediaPhase = version.media
        return program
    }

    /// The event's partners with their organizations, in display order.
    public func partners(eventID: UUID) async throws -> [Program.PartnerEntry] {
        let rows = try await database.client.query(
            """
            SELECT p.event_id, p.organization_id, p.role, p.display_order,
                   o.id, o.name_ar, o.name_fr, o.name_en, o.acronym, o.kind, o.country, o.created_at, o.updated_at, o.row_version
            FROM event_partners p JOIN organizations o ON o.id = p.organization_id
            WHERE p.event_id = \(eventID)
            ORDER BY p.display_order, o.id
            """, logger: database.logger)
        return try await rows.collect().map { row in
            var cells = Cells(row)
            let eventID: UUID = try cells.next()
            let organizationID: UUID = try cells.next()
            let role: Partner.Role = try cells.next()
            let order: Int = try cells.next()
            let organization = try OrganizationStore.organization(&cells)
            return Program.PartnerEntry(
                partner: Partner(eventID: eventID, organizationID: organizationID, role: role, displayOrder: order),
                organization: organization)
        }
    }

    private func speakers(eventID: UUID) async throws -> [Program.Speaker] {
        let rows = try await database.client.query(
            """
            SELECT sp.session_id, sp.person_id, sp.role, sp.talk_title_ar, sp.talk_title_fr, sp.talk_title_en, sp.display_order,
                   \(unescaped: PersonStore.columns.split(separator: ",").map { "pe." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")),
                   o.id, o.name_ar, o.name_fr, o.name_en, o.acronym, o.kind, o.country, o.created_at, o.updated_at, o.row_version
            FROM session_participants sp
            JOIN people pe ON pe.id = sp.person_id
            LEFT JOIN organizations o ON o.id = pe.organization_id
            WHERE sp.event_id = \(eventID)
            """, logger: database.logger)
        return try await rows.collect().map { row in
            var cells = Cells(row)
            let sessionID: UUID = try cells.next()
            let personID: UUID = try cells.next()
            let role: Participant.Role = try cells.next()
            let participant = Participant(
                sessionID: sessionID, personID: personID, role: role, talkTitle: try cells.localized(),
                displayOrder: try cells.next())
            let person = try PersonStore.person(&cells)
            let organizationID: UUID? = try cells.peek()
            let organization = organizationID == nil ? nil : try OrganizationStore.organization(&cells)
            return Program.Speaker(participant: participant, person: person, organization: organization)
        }
    }
}

extension ProgramStore {
    /// What decides whether a cached program is still the program: one indexed read, by id or slug.
    public struct Stamp: Sendable, Equatable {
        public let eventID: UUID
        public let isPublic: Bool
        public let eventVersion: Int
        public let programVersion: Int
        public let mediaPhase: Int
        /// When time alone next changes what the program shows (a live stream starts or ends, a
        /// recording appears): a cached program is not trusted past it.
        public let nextMediaChange: Date?
    }

    public func stamp(_ reference: String) async throws -> Stamp? {
        let id = UUID(idText: reference)
        let slug = id == nil ? reference.lowercased() : nil
        let rows = try await database.client.query(
            """
            SELECT e.id, e.status, e.row_version, coalesce(v.version, 0), multaqa_media_phase(e.id),
                   (SELECT min(t) FROM (SELECT shown_from AS t FROM media_link_windows WHERE event_id = e.id
                                        UNION ALL
                                        SELECT shown_until FROM media_link_windows WHERE event_id = e.id) times
                    WHERE t > now())
            FROM events e LEFT JOIN program_versions v ON v.event_id = e.id
            WHERE e.id = \(id) OR e.slug = \(slug)
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { return nil }
        let (eventID, status, eventVersion, programVersion, mediaPhase, nextChange) = try row.decode(
            (UUID, Event.Status, Int, Int, Int, Date?).self)
        return Stamp(
            eventID: eventID, isPublic: status.isPublic, eventVersion: eventVersion,
            programVersion: programVersion, mediaPhase: mediaPhase, nextMediaChange: nextChange)
    }
}
