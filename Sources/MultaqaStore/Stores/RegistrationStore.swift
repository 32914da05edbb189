import Foundation
import MultaqaDomain
import PostgresNIO

/// Registrations. Capacity, the waitlist and promotions are decided by the functions of
/// `sql/0004_registration.sql`, in the database, in the same transaction as the change; this store
/// calls them with bound parameters and reads the results.
public struct RegistrationStore: Sendable {
    public struct Filter: Sendable {
        public var statuses: [RegistrationStatus]?
        public var mode: AttendanceMode?
        public var category: AttendeeCategory?
        public var collectivity: String?
        public var workshop: UUID?
        public var search: String?

        public init(
            statuses: [RegistrationStatus]? = nil, mode: AttendanceMode? = nil, category: AttendeeCategory? = nil,
            collectivity: String? = nil, workshop: UUID? = nil, search: String? = nil
        ) {
            self.statuses = statuses
            self.mode = mode
            self.category = category
            self.collectivity = collectivity
            self.workshop = workshop
            self.search = search
        }

        /// The filter as an audit record tells it. A search's words may be a name, so only the
        /// fact of a search is told.
        public var auditTerms: [String: String] {
            var terms: [String: String] = [:]
            if let statuses { terms["status"] = statuses.map(\.rawValue).joined(separator: ",") }
            if let mode { terms["mode"] = mode.rawValue }
            if let category { terms["category"] = category.rawValue }
            if let collectivity { terms["collectivity"] = collectivity }
            if let workshop { terms["workshopId"] = workshop.idText }
            if search != nil { terms["search"] = "yes" }
            return terms
        }
    }

    /// What a new registration answers: shown once, with the manage token in clear.
    public struct Created: Sendable {
        public var registration: Registration
        public let manageToken: String

        public init(registration: Registration, manageToken: String) {
            self.registration = registration
            self.manageToken = manageToken
        }
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: Settings

    public func settings(eventID: UUID) async throws -> RegistrationSettings? {
        let rows = try await database.client.query(
            """
            SELECT s.opens_at, s.closes_at, s.approval_required, s.invite_only, s.waitlist, s.categories,
                   s.required_fields, s.reply_to, s.row_version, s.workshop_choice, s.ranked_choices,
                   s.rankings_close_at, s.workshop_minimum, s.retention_days,
                   coalesce((SELECT array_agg(p.mode ORDER BY p.mode) FROM capacity_pools p
                             WHERE p.event_id = s.event_id AND p.mode IS NOT NULL), '{}'),
                   coalesce((SELECT array_agg(coalesce(p.capacity, -1) ORDER BY p.mode) FROM capacity_pools p
                             WHERE p.event_id = s.event_id AND p.mode IS NOT NULL), '{}')
            FROM registration_settings s WHERE s.event_id = \(eventID)
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { return nil }
        var cells = Cells(row)
        var settings = RegistrationSettings(
            opensAt: try cells.next(), closesAt: try cells.next(), approvalRequired: try cells.next(),
            inviteOnly: try cells.next(), waitlist: try cells.next(), capacities: [:])
        settings.categories = try cells.next()
        settings.requiredFields = try cells.next()
        settings.replyTo = try cells.next()
        settings.version = try cells.next()
        settings.workshopChoice = WorkshopChoice(
            mode: try cells.next(), rankedChoices: try cells.next(), rankingsCloseAt: try cells.next(),
            minimumAttendance: try cells.next())
        settings.retentionDays = try cells.next()
        let modes: [AttendanceMode] = try cells.next()
        let capacities: [Int] = try cells.next()
        for (mode, capacity) in zip(modes, capacities) {
            settings.capacities[mode] = capacity < 0 ? nil : capacity
        }
        return settings
    }

    /// Replaces the settings in one transaction: capacities are set through the pools (raising one
    /// promotes waitlisted registrations, lowering it below the seats taken is refused); a mode
    /// that still has active registrations cannot be withdrawn.
    public func saveSettings(
        _ settings: RegistrationSettings, eventID: UUID, expectedVersion: Int?
    ) async throws
        -> RegistrationSettings
    {
        try await database.client.withTransaction(logger: database.logger) { connection in
            let rows = try await connection.query(
                """
                INSERT INTO registration_settings (event_id, opens_at, closes_at, approval_required, invite_only, waitlist,
                                                   categories, required_fields, reply_to, workshop_choice, ranked_choices,
                                                   rankings_close_at, workshop_minimum, retention_days)
                VALUES (\(eventID), \(settings.opensAt), \(settings.closesAt), \(settings.approvalRequired),
                        \(settings.inviteOnly), \(settings.waitlist), \(settings.categories), \(settings.requiredFields),
                        \(settings.replyTo), \(settings.workshopChoice.mode), \(settings.workshopChoice.rankedChoices),
                        \(settings.workshopChoice.rankingsCloseAt), \(settings.workshopChoice.minimumAttendance),
                        \(settings.retentionDays))
                ON CONFLICT (event_id) DO UPDATE SET
                    opens_at = excluded.opens_at, closes_at = excluded.closes_at,
                    approval_required = excluded.approval_required, invite_only = excluded.invite_only,
                    waitlist = excluded.waitlist, categories = excluded.categories,
                    required_fields = excluded.required_fields, reply_to = excluded.reply_to,
                    workshop_choice = excluded.workshop_choice, ranked_choices = excluded.ranked_choices,
                    rankings_close_at = excluded.rankings_close_at, workshop_minimum = excluded.workshop_minimum,
                    retention_days = excluded.retention_days
                WHERE \(expectedVersion)::integer IS NULL OR registration_settings.row_version = \(expectedVersion)
                RETURNING row_version
                """, logger: database.logger)
            guard try await rows.collect().first != nil else {
                throw DomainError.staleVersion(detail: "the registration settings changed since version \(expectedVersion ?? 0)")
            }
            for mode in AttendanceMode.allCases {
                if let capacity = settings.capacities[mode] {
                    let pools = try await connection.query(
                        """
                        INSERT INTO capacity_pools (event_id, mode) VALUES (\(eventID), \(mode))
                        ON CONFLICT (event_id, mode) DO UPDATE SET mode = excluded.mode
                        RETURNING id, capacity
                        """, logger: database.logger
                    ).collect()
                    guard let (pool, current) = try pools.first?.decode((Int64, Int?).self) else { continue }
                    if current != capacity || (current == nil && capacity != nil) {
                        _ = try await connection.query(
                            "SELECT multaqa_set_capacity(\(pool), \(capacity)::integer)", logger: database.logger
                        ).collect()
                    }
                } else {
                    let active =
                        try await connection.query(
                            """
                            SELECT count(*) FROM registrations
                            WHERE event_id = \(eventID) AND mode = \(mode) AND status NOT IN ('cancelled', 'rejected')
                            """, logger: database.logger
                        ).collect().first?.decode(Int.self) ?? 0
                    if active > 0 {
                        throw DomainError.conflict(
                            rule: "mode_in_use",
                            detail:
                                "\(active) active registrations are \(mode.rawValue); \(mode.rawValue) attendance cannot be withdrawn"
                        )
                    }
                    _ = try await connection.query(
                        "DELETE FROM capacity_pools WHERE event_id = \(eventID) AND mode = \(mode)",
                        logger: database.logger
                    ).collect()
                }
            }
        }
        guard let saved = try await self.settings(eventID: eventID) else {
            throw DomainError.notFound(resource: "registration settings")
        }
        return saved
    }

    public struct Seats: Sendable, Equatable {
        public let mode: AttendanceMode
        public let capacity: Int?
        public let taken: Int
        public let waitlisted: Int
    }

    /// Seats taken and waiting per mode, counted from the registrations themselves.
    public func seats(eventID: UUID) async throws -> [Seats] {
        let rows = try await database.client.query(
            """
            SELECT p.mode, p.capacity,
                   count(r.id) FILTER (WHERE r.status IN ('confirmed', 'pending_approval')),
                   count(r.id) FILTER (WHERE r.status = 'waitlisted')
            FROM capacity_pools p LEFT JOIN registrations r ON r.event_id = p.event_id AND r.mode = p.mode
            WHERE p.event_id = \(eventID) AND p.mode IS NOT NULL
            GROUP BY p.mode, p.capacity ORDER BY p.mode
            """, logger: database.logger)
        return try await rows.collect().map { row in
            let (mode, capacity, taken, waitlisted) = try row.decode((AttendanceMode, Int?, Int, Int).self)
            return Seats(mode: mode, capacity: capacity, taken: taken, waitlisted: waitlisted)
        }
    }

    /// Seats taken per workshop that has a capacity pool, counted from the seated choices of
    /// registrations that stand.
    public func workshopSeats(eventID: UUID) async throws -> [(session: UUID, capacity: Int?, taken: Int)] {
        let rows = try await database.client.query(
            """
            SELECT p.session_id, p.capacity,
                   count(w.registration_id) FILTER (WHERE w.seated AND r.status IN ('confirmed', 'pending_approval'))
            FROM capacity_pools p
            LEFT JOIN registration_workshops w ON w.session_id = p.session_id
            LEFT JOIN registrations r ON r.id = w.registration_id
            WHERE p.event_id = \(eventID) AND p.session_id IS NOT NULL
            GROUP BY p.session_id, p.capacity
            """, logger: database.logger)
        return try await rows.collect().map { row in
            let (session, capacity, taken) = try row.decode((UUID, Int?, Int).self)
            return (session, capacity, taken)
        }
    }

    // MARK: Registering

    /// Registers in one statement. With `idempotency`, the same statement records the
    /// registration (and its manage token) against the request's key, so that a retry after the
    /// service died before answering finds it (`IdempotencyStore.Claim.recorded`).
    public func register(
        eventID: UUID, _ request: RegistrationRequest, byOrganizer: Bool, idempotency: IdempotencyStore.Key? = nil
    ) async throws -> Created {
        var created = try await insert(eventID: eventID, request, byOrganizer: byOrganizer, idempotency: idempotency)
        if created.registration.status == .waitlisted {
            // After the commit, outside the retries: the registration is stored whatever happens here.
            created.registration.waitlistPosition = try await waitlistPosition(id: created.registration.id)
        }
        return created
    }

    /// A registration as `find(id:)` reads it, with its place on the waitlist exact at this moment
    /// (the list's count does not wait for registrations ahead still being stored).
    public func findWithExactPlace(id: UUID) async throws -> Registration {
        var registration = try await find(id: id)
        if registration.status == .waitlisted {
            registration.waitlistPosition = try await waitlistPosition(id: id)
        }
        return registration
    }

    /// The place of a waitlisted registration, exact at this moment: every registration ahead of
    /// it that was still being stored is waited for (`multaqa_waitlist_position`). nil when it is
    /// not waitlisted.
    public func waitlistPosition(id: UUID) async throws -> Int? {
        let rows = try await database.client.query(
            "SELECT multaqa_waitlist_position(\(id))", logger: database.logger)
        return try await rows.collect().first?.decode(Int?.self)
    }

    private func insert(
        eventID: UUID, _ request: RegistrationRequest, byOrganizer: Bool, idempotency: IdempotencyStore.Key?
    ) async throws -> Created {
        var collectivity: String?
        var organization: UUID?
        var affiliation: String?
        switch request.affiliation {
        case .collectivity(let code): collectivity = code
        case .organization(let id): organization = id
        case .text(let text): affiliation = text
        case nil: break
        }
        let token = ManageToken.generate()
        let hash = ManageToken.hash(token)
        var attempt = 0
        while true {
            attempt += 1
            let code = CheckInCode.generate()
            do {
                let statement = RegisterStatement(
                    eventID: eventID, mode: request.mode, fullName: request.fullName, email: request.email,
                    phone: request.phone, category: request.category, collectivity: collectivity,
                    organization: organization, affiliation: affiliation, position: request.position,
                    workshops: request.workshops, invitationCode: request.invitationCode, checkInCode: code,
                    manageHash: hash, byOrganizer: byOrganizer, idempotency: idempotency, manageToken: token,
                    language: request.language)
                var found: RegisterStatement.Row?
                // A deadlock with a mode change or a cancellation rolled the statement back
                // whole: it runs again.
                for row in try await database.client.execute(statement, logger: database.logger, attempts: 4) {
                    found = row
                }
                guard let (id, status, position, createdAt, consentAt, language, ranked) = found else {
                    throw DomainError.unavailable(detail: "the registration was not stored; retry")
                }
                // Everything else is what was sent: the registration is not read back, so that a
                // registration costs the database one statement. Workshops sent as a ranking are
                // not held yet.
                let registration = Registration(
                    id: id, eventID: eventID, status: status,
                    waitlistPosition: position, mode: request.mode, fullName: request.fullName, email: request.email,
                    phone: request.phone, category: request.category, affiliation: request.affiliation,
                    position: request.position,
                    workshops: ranked ? [] : request.workshops.sorted { $0.uuidString < $1.uuidString },
                    checkInCode: code, consentAt: consentAt, source: byOrganizer ? "organizer" : "self",
                    createdAt: createdAt, updatedAt: createdAt, erasedAt: nil, version: 1, language: language)
                return Created(registration: registration, manageToken: token)
            } catch let error as DomainError where attempt < 4 && error.isConflict(rule: "registrations_checkin_code_unique") {
                // A check-in code already used at this event (one chance in a trillion): nothing
                // was stored; again with another code.
                continue
            }
        }
    }

    // MARK: Reading

    static let columns = """
        r.id, r.event_id, r.status,
        CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM registrations w
            WHERE w.event_id = r.event_id AND w.mode = r.mode AND w.status = 'waitlisted'
              AND w.waitlist_seq <= r.waitlist_seq) END,
        r.mode, r.full_name, r.email, r.phone, r.category, r.collectivity, r.organization_id, r.affiliation, r.position,
        ARRAY(SELECT w.session_id FROM registration_workshops w WHERE w.registration_id = r.id ORDER BY w.session_id),
        r.checkin_code, r.consent_at, r.source, r.created_at, r.updated_at, r.erased_at, r.row_version, r.language
        """

    public func find(id: UUID) async throws -> Registration {
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.columns) FROM registrations r WHERE r.id = \(id)", logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "registration") }
        return try Self.registration(row)
    }

    /// The registrations among `ids` that exist, by id, in one statement (a batch of mail).
    public func find(ids: [UUID]) async throws -> [UUID: Registration] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.columns) FROM registrations r WHERE r.id = ANY(\(ids))", logger: database.logger)
        var found: [UUID: Registration] = [:]
        for row in try await rows.collect() {
            let registration = try Self.registration(row)
            found[registration.id] = registration
        }
        return found
    }

    /// The registration a manage token opens, or not found: a wrong token learns nothing, not
    /// even whether the registration exists.
    public func find(id: UUID, manageToken: String) async throws -> Registration {
        guard ManageToken.isWellFormed(manageToken) else { throw DomainError.notFound(resource: "registration") }
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM registrations r
            WHERE r.id = \(id) AND r.manage_hash = \(ManageToken.hash(manageToken))
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "registration") }
        return try Self.registration(row)
    }

    /// The registration a manage link opens, by its token alone (the link as mailed carries no id).
    public func find(manageToken: String) async throws -> Registration {
        guard ManageToken.isWellFormed(manageToken) else { throw DomainError.notFound(resource: "registration") }
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.columns) FROM registrations r WHERE r.manage_hash = \(ManageToken.hash(manageToken))",
            logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "registration") }
        return try Self.registration(row)
    }

    /// - Parameter recording: an export's use of the personal data read, recorded in the same
    ///   transaction as the read.
    public func list(
        eventID: UUID, _ filter: Filter, after: UUID?, limit: Int?, recording use: AuditedUse? = nil
    ) async throws -> [Registration] {
        let pattern = filter.search.map { "%" + LikePattern.escape($0) + "%" }
        let query: PostgresQuery = try """
        SELECT \(unescaped: Self.columns) FROM registrations r
        WHERE r.event_id = \(eventID)
          AND (\(filter.statuses)::text[] IS NULL OR r.status = ANY(\(filter.statuses)))
          AND (\(filter.mode)::text IS NULL OR r.mode = \(filter.mode))
          AND (\(filter.category)::text IS NULL OR r.category = \(filter.category))
          AND (\(filter.collectivity)::text IS NULL OR r.collectivity IN (
                SELECT c.code FROM collectivities c LEFT JOIN collectivities p ON p.code = c.parent_code
                WHERE \(filter.collectivity) IN (c.code, c.parent_code, p.parent_code)))
          AND (\(filter.workshop)::uuid IS NULL OR EXISTS (SELECT 1 FROM registration_workshops w
                WHERE w.registration_id = r.id AND w.session_id = \(filter.workshop)))
          AND (\(pattern)::text IS NULL OR r.full_name ILIKE \(pattern) OR r.email ILIKE \(pattern))
          AND (\(after)::uuid IS NULL OR (r.created_at, r.id) > (
                SELECT c.created_at, c.id FROM registrations c WHERE c.id = \(after)))
        ORDER BY r.created_at, r.id
        LIMIT \(limit)
        """
        guard let use else {
            return try await database.client.query(query, logger: database.logger).collect().map(Self.registration)
        }
        let logger = database.logger
        // An erased registration in the list is nobody's data any more.
        return try await AuditStore.recorded(
            use, eventID: eventID, database: database, count: { $0.count(where: { $0.erasedAt == nil }) }
        ) { connection in
            try await connection.query(query, logger: logger).collect().map(Self.registration)
        }
    }

    // MARK: Changing

    /// A new mode and/or a new set of workshops, subject to capacity, and/or the language of its
    /// mail; nil leaves it as it is.
    public func change(
        id: UUID, mode: AttendanceMode?, workshops: [UUID]?, language: Language? = nil
    ) async throws -> Registration {
        // A deadlock with a concurrent cancellation is run again (`attempts`).
        try await database.client.withTransaction(logger: database.logger, attempts: 4) { connection in
            if mode != nil || workshops != nil {
                _ = try await connection.query(
                    "SELECT multaqa_change_registration(\(id), \(mode), \(workshops))", logger: database.logger
                ).collect()
            }
            if let language {
                _ = try await connection.query(
                    "UPDATE registrations SET language = \(language) WHERE id = \(id)", logger: database.logger
                ).collect()
            }
        }
        return try await find(id: id)
    }

    /// "Send me my link again": a registration of the event that still stands under this address
    /// gets a new manage token (the old one stops working) and a mail carrying it; mails still
    /// waiting carry the new one too. Nothing happens for an unknown address, nor within five
    /// minutes of the last link sent, so that nobody floods an inbox through this.
    public func resendManageLink(eventID: UUID, email: String) async throws {
        let token = ManageToken.generate()
        try await database.client.withTransaction(logger: database.logger) { connection in
            // The registration's row is locked first, and the recent links are looked for after,
            // by a statement of their own that sees what a concurrent request committed
            // meanwhile: two requests at once send one link.
            let rows = try await connection.query(
                """
                SELECT r.id FROM registrations r
                WHERE r.event_id = \(eventID) AND r.email = \(email) AND r.erased_at IS NULL
                  AND r.status IN ('confirmed', 'waitlisted', 'pending_approval')
                FOR UPDATE
                """, logger: database.logger)
            guard let id = try await rows.collect().first?.decode(UUID.self) else { return }
            let recent = try await connection.query(
                """
                SELECT 1 FROM notification_outbox WHERE registration_id = \(id) AND kind = 'manage_link'
                  AND created_at > clock_timestamp() - interval '5 minutes'
                """, logger: database.logger
            ).collect()
            guard recent.isEmpty else { return }
            _ = try await connection.query(
                "UPDATE registrations SET manage_hash = \(ManageToken.hash(token)) WHERE id = \(id)", logger: database.logger
            ).collect()
            _ = try await connection.query(
                """
                UPDATE notification_outbox SET secret = \(token)
                WHERE registration_id = \(id) AND sent_at IS NULL AND secret IS NOT NULL
                """, logger: database.logger
            ).collect()
            _ = try await connection.query(
                """
                INSERT INTO notification_outbox (event_id, registration_id, kind, secret)
                VALUES (\(eventID), \(id), 'manage_link', \(token))
                """, logger: database.logger
            ).collect()
        }
    }

    /// Cancels (or rejects) a registration; its seat passes to the first waitlisted person. With
    /// `erase`, the personal fields are removed and only the anonymous ones stay for statistics.
    public func cancel(id: UUID, status: RegistrationStatus = .cancelled, erase: Bool) async throws -> Registration {
        try await database.client.withTransaction(logger: database.logger, attempts: 4) { connection in
            _ = try await connection.query(
                "SELECT multaqa_release_registration(\(id), \(status))", logger: database.logger
            ).collect()
            // A registration that no longer stands needs no manage link in the mails still waiting.
            _ = try await connection.query(
                "UPDATE notification_outbox SET secret = NULL WHERE registration_id = \(id) AND sent_at IS NULL",
                logger: database.logger
            ).collect()
            let kind = status == .rejected ? "registration_rejected" : "registration_cancelled"
            _ = try await connection.query(
                """
                INSERT INTO notification_outbox (event_id, registration_id, kind)
                SELECT event_id, id, \(kind) FROM registrations WHERE id = \(id) AND erased_at IS NULL
                """, logger: database.logger
            ).collect()
            if erase {
                _ = try await connection.query(
                    """
                    UPDATE registrations SET full_name = NULL, email = NULL, phone = NULL, position = NULL,
                        affiliation = NULL, organization_id = NULL, erased_at = clock_timestamp()
                    WHERE id = \(id)
                    """, logger: database.logger
                ).collect()
                // Nothing personal may wait in the outbox for a person who asked to be forgotten.
                _ = try await connection.query(
                    "DELETE FROM notification_outbox WHERE registration_id = \(id) AND sent_at IS NULL",
                    logger: database.logger
                ).collect()
            }
        }
        return try await find(id: id)
    }

    /// An organiser approves or rejects a registration pending approval.
    public func decide(id: UUID, approve: Bool) async throws -> Registration {
        let current = try await find(id: id)
        guard current.status == .pendingApproval else {
            throw DomainError.conflict(
                rule: "registration_not_pending",
                detail: "only a registration pending approval can be approved or rejected; this one is \(current.status.rawValue)"
            )
        }
        if approve {
            let rows = try await database.client.query(
                """
                WITH approved AS (
                    UPDATE registrations SET status = 'confirmed' WHERE id = \(id) AND status = 'pending_approval'
                    RETURNING id, event_id
                )
                INSERT INTO notification_outbox (event_id, registration_id, kind)
                SELECT event_id, id, 'registration_approved' FROM approved RETURNING registration_id
                """, logger: database.logger)
            guard try await rows.collect().first != nil else {
                throw DomainError.conflict(rule: "registration_not_pending", detail: "the registration changed meanwhile")
            }
            return try await find(id: id)
        }
        return try await cancel(id: id, status: .rejected, erase: false)
    }

    // MARK: Invitations

    public struct Invitation: Sendable, Equatable {
        public let id: UUID
        public let code: String
        public let label: String?
        public let uses: Int
        public let used: Int
    }

    public func createInvitation(eventID: UUID, code: String?, label: String?, uses: Int) async throws -> Invitation {
        let value = code ?? InvitationCode.generate()
        let rows = try await database.client.query(
            """
            INSERT INTO invitation_codes (event_id, code, label, uses) VALUES (\(eventID), \(value), \(label), \(uses))
            RETURNING id, code, label, uses, used
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.unavailable(detail: "not stored") }
        return try Self.invitation(row)
    }

    public func invitations(eventID: UUID) async throws -> [Invitation] {
        let rows = try await database.client.query(
            "SELECT id, code, label, uses, used FROM invitation_codes WHERE event_id = \(eventID) ORDER BY created_at, id",
            logger: database.logger)
        return try await rows.collect().map(Self.invitation)
    }

    private static func invitation(_ row: PostgresRow) throws -> Invitation {
        let (id, code, label, uses, used) = try row.decode((UUID, String, String?, Int, Int).self)
        return Invitation(id: id, code: code, label: label, uses: uses, used: used)
    }

    // MARK: Rows

    static func registration(_ row: PostgresRow) throws -> Registration {
        var cells = Cells(row)
        let id: UUID = try cells.next()
        let eventID: UUID = try cells.next()
        let status: RegistrationStatus = try cells.next()
        let position: Int? = try cells.next()
        let mode: AttendanceMode = try cells.next()
        let fullName: String? = try cells.next()
        let email: String? = try cells.next()
        let phone: String? = try cells.next()
        let category: AttendeeCategory = try cells.next()
        let collectivity: String? = try cells.next()
        let organization: UUID? = try cells.next()
        let affiliationText: String? = try cells.next()
        let affiliation: Affiliation? =
            collectivity.map(Affiliation.collectivity) ?? organization.map(Affiliation.organization)
            ?? affiliationText.map(Affiliation.text)
        return Registration(
            id: id, eventID: eventID, status: status, waitlistPosition: position, mode: mode, fullName: fullName,
            email: email, phone: phone, category: category, affiliation: affiliation, position: try cells.next(),
            workshops: try cells.next(), checkInCode: try cells.next(), consentAt: try cells.next(),
            source: try cells.next(), createdAt: try cells.next(), updatedAt: try cells.next(),
            erasedAt: try cells.next(), version: try cells.next(), language: try cells.next())
    }
}
