import Foundation
import MultaqaDomain
import PostgresNIO

/// Workshop rankings, allocation proposals and their application. The mechanisms themselves are
/// the domain's (`Allocator`); this reads their inputs, stores what they propose, and applies a
/// proposal only while its inputs are unchanged.
public struct AllocationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: Rankings

    /// The event's workshops with their time slot, in time order.
    public func slots(eventID: UUID) async throws -> [(workshop: UUID, slot: Int)] {
        let rows = try await database.client.query(
            "SELECT session_id, slot FROM multaqa_workshop_slots(\(eventID)) ORDER BY slot, session_id",
            logger: database.logger)
        return try await rows.collect().map { row in
            let (workshop, slot) = try row.decode((UUID, Int).self)
            return (workshop, slot)
        }
    }

    /// A registration's ranking: one list, best first.
    public func ranking(registrationID: UUID) async throws -> [UUID] {
        let rows = try await database.client.query(
            "SELECT session_id FROM workshop_rankings WHERE registration_id = \(registrationID) ORDER BY position",
            logger: database.logger)
        return try await rows.collect().map { try $0.decode(UUID.self) }
    }

    /// Replaces a registration's ranking (the rules are the database's: `multaqa_set_ranking`).
    public func setRanking(registrationID: UUID, workshops: [UUID]) async throws {
        _ = try await database.client.query(
            "SELECT multaqa_set_ranking(\(registrationID), \(workshops)::uuid[])", logger: database.logger
        ).collect()
    }

    // MARK: Proposals

    /// The inputs as they stand, read in one snapshot.
    public func inputs(eventID: UUID) async throws -> AllocationInput {
        try await database.client.withTransaction(logger: database.logger) { connection in
            _ = try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: database.logger)
            return try await Self.inputs(eventID: eventID, connection: connection, logger: database.logger)
        }
    }

    /// Workshops with the seats they have left; confirmed registrations with a ranking, in
    /// registration order, their ranking split by slot, minus the slots where they hold a seat.
    static func inputs(eventID: UUID, connection: PostgresConnection, logger: Logger) async throws -> AllocationInput {
        let workshopRows = try await connection.query(
            """
            SELECT s.session_id, s.slot, p.capacity,
                   (SELECT count(*)::int FROM registration_workshops w WHERE w.session_id = s.session_id AND w.seated)
            FROM multaqa_workshop_slots(\(eventID)) s JOIN capacity_pools p ON p.session_id = s.session_id
            """, logger: logger)
        var workshops: [AllocationInput.Workshop] = []
        var slotOf: [UUID: Int] = [:]
        for try await (id, slot, capacity, taken) in workshopRows.decode((UUID, Int, Int?, Int).self) {
            workshops.append(.init(id: id, slot: slot, seats: capacity.map { max(0, $0 - taken) }, taken: taken))
            slotOf[id] = slot
        }
        let held = try await connection.query(
            """
            SELECT w.registration_id, w.session_id FROM registration_workshops w
            JOIN registrations r ON r.id = w.registration_id
            WHERE r.event_id = \(eventID) AND r.status = 'confirmed' AND w.seated
            """, logger: logger)
        var heldSlots: [UUID: Set<Int>] = [:]
        for try await (registration, session) in held.decode((UUID, UUID).self) {
            if let slot = slotOf[session] { heldSlots[registration, default: []].insert(slot) }
        }
        let rankings = try await connection.query(
            """
            SELECT r.id, r.created_at, array_agg(k.session_id ORDER BY k.position)
            FROM registrations r JOIN workshop_rankings k ON k.registration_id = r.id
            WHERE r.event_id = \(eventID) AND r.status = 'confirmed'
            GROUP BY r.id ORDER BY r.created_at, r.id
            """, logger: logger)
        var attendees: [AllocationInput.Attendee] = []
        for try await (id, registeredAt, ranked) in rankings.decode((UUID, Date, [UUID]).self) {
            var bySlot: [Int: [UUID]] = [:]
            for workshop in ranked {
                guard let slot = slotOf[workshop], !(heldSlots[id]?.contains(slot) ?? false) else { continue }
                bySlot[slot, default: []].append(workshop)
            }
            attendees.append(.init(id: id, registeredAt: registeredAt, rankings: bySlot))
        }
        return AllocationInput(workshops: workshops, attendees: attendees)
    }

    /// Stores a proposal with its placements; nothing is assigned yet.
    public func save(
        eventID: UUID, mechanism: AllocationMechanism, seed: String?, input: AllocationInput,
        placements: [AllocationPlacement], statistics: AllocationStatistics
    ) async throws -> Allocation {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let statisticsJSON = String(decoding: try encoder.encode(statistics), as: UTF8.self)
        let rows = placements.map { placement in
            PlacementRow(
                registration: placement.attendee, slot: placement.slot, session: placement.workshop, rank: placement.rank,
                explanation: placement.explanation)
        }
        let placementsJSON = String(decoding: try encoder.encode(rows), as: UTF8.self)
        let digest = input.digest
        return try await database.client.withTransaction(logger: database.logger) { connection in
            let made = try await connection.query(
                """
                INSERT INTO allocations (event_id, mechanism, seed, inputs_digest, statistics)
                VALUES (\(eventID), \(mechanism), \(seed), \(digest), \(statisticsJSON)::jsonb)
                RETURNING id, created_at
                """, logger: database.logger
            ).collect()
            guard let (id, createdAt) = try made.first?.decode((UUID, Date).self) else {
                throw DomainError.unavailable(detail: "the proposal was not stored")
            }
            _ = try await connection.query(
                """
                INSERT INTO allocation_placements (allocation_id, registration_id, slot, session_id, rank, explanation)
                SELECT \(id), x.registration, x.slot, x.session, x.rank, x.explanation
                FROM jsonb_to_recordset(\(placementsJSON)::jsonb)
                    AS x (registration uuid, slot integer, session uuid, rank integer, explanation jsonb)
                """, logger: database.logger)
            return Allocation(
                id: id, eventID: eventID, mechanism: mechanism, seed: seed, inputsDigest: digest, statistics: statistics,
                createdAt: createdAt, appliedAt: nil)
        }
    }

    struct PlacementRow: Encodable {
        let registration: UUID
        let slot: Int
        let session: UUID?
        let rank: Int?
        let explanation: AllocationExplanation
    }

    static let select = """
        SELECT id, event_id, mechanism, seed, inputs_digest, statistics::text, created_at, applied_at FROM allocations
        """

    public func list(eventID: UUID) async throws -> [Allocation] {
        let rows = try await database.client.query(
            "\(unescaped: Self.select) WHERE event_id = \(eventID) ORDER BY created_at DESC, id", logger: database.logger)
        return try await rows.collect().map(Self.allocation)
    }

    public func find(id: UUID) async throws -> Allocation {
        let rows = try await database.client.query("\(unescaped: Self.select) WHERE id = \(id)", logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "allocation") }
        return try Self.allocation(row)
    }

    static func allocation(_ row: PostgresRow) throws -> Allocation {
        var cells = Cells(row)
        return Allocation(
            id: try cells.next(), eventID: try cells.next(), mechanism: try cells.next(), seed: try cells.next(),
            inputsDigest: try cells.next(),
            statistics: try JSONDecoder().decode(AllocationStatistics.self, from: Data(try cells.next(String.self).utf8)),
            createdAt: try cells.next(), appliedAt: try cells.next())
    }

    // MARK: Applying

    /// Seats everybody the proposal places, in one transaction, if its inputs still hash the same:
    /// the workshops' pools and the confirmed registrations are locked first, so that no ranking,
    /// cancellation or capacity changes between the check and the seats. Returns the seats given.
    public func apply(id: UUID) async throws -> Int {
        try await database.client.withTransaction(logger: database.logger) { connection in
            let logger = database.logger
            let found = try await connection.query(
                "SELECT event_id, inputs_digest, applied_at FROM allocations WHERE id = \(id) FOR UPDATE", logger: logger
            ).collect()
            guard let (eventID, digest, appliedAt) = try found.first?.decode((UUID, String, Date?).self) else {
                throw DomainError.notFound(resource: "allocation")
            }
            if appliedAt != nil {
                throw DomainError.conflict(rule: "allocation_applied", detail: "this proposal has already been applied")
            }
            _ = try await connection.query(
                """
                SELECT 1 FROM capacity_pools WHERE event_id = \(eventID) AND session_id IS NOT NULL ORDER BY id
                FOR NO KEY UPDATE
                """, logger: logger
            ).collect()
            _ = try await connection.query(
                """
                SELECT 1 FROM registrations WHERE event_id = \(eventID) AND status = 'confirmed' ORDER BY id FOR SHARE
                """, logger: logger
            ).collect()
            let current = try await Self.inputs(eventID: eventID, connection: connection, logger: logger)
            guard current.digest == digest else {
                throw DomainError.conflict(
                    rule: "allocation_inputs_changed",
                    detail:
                        "a registration, a ranking or a workshop's seats changed since this proposal was made; make a new proposal"
                )
            }
            let seats = try await connection.query("SELECT multaqa_apply_allocation(\(id))", logger: logger).collect()
            return try seats.first?.decode(Int.self) ?? 0
        }
    }

    /// What the attendee got in each slot, from the latest applied allocation that placed them there.
    public func applied(registrationID: UUID) async throws -> [AppliedPlacement] {
        let rows = try await database.client.query(
            """
            SELECT DISTINCT ON (p.slot) a.mechanism, a.applied_at, p.slot, p.session_id, p.rank, p.explanation::text
            FROM allocation_placements p JOIN allocations a ON a.id = p.allocation_id
            WHERE p.registration_id = \(registrationID) AND a.applied_at IS NOT NULL
            ORDER BY p.slot, a.applied_at DESC
            """, logger: database.logger)
        return try await rows.collect().map { row in
            var cells = Cells(row)
            let mechanism: AllocationMechanism = try cells.next()
            let appliedAt: Date = try cells.next()
            let slot: Int = try cells.next()
            let workshop: UUID? = try cells.next()
            let rank: Int? = try cells.next()
            let explanation = try JSONDecoder().decode(
                AllocationExplanation.self, from: Data(try cells.next(String.self).utf8))
            return AppliedPlacement(
                mechanism: mechanism, appliedAt: appliedAt,
                placement: AllocationPlacement(
                    attendee: registrationID, slot: slot, workshop: workshop, rank: rank, explanation: explanation))
        }
    }
}
