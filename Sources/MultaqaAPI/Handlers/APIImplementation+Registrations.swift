import Foundation
import MultaqaDomain
import MultaqaReports
import MultaqaStore
import OpenAPIRuntime

/// Registration, self-service and organisers' work on registrations.
extension APIImplementation {
    var registrations: RegistrationStore { RegistrationStore(database: database) }
    var attendance: AttendanceStore { AttendanceStore(database: database) }

    // MARK: Settings

    func getRegistrationSettings(
        _ input: Operations.GetRegistrationSettings.Input
    ) async throws
        -> Operations.GetRegistrationSettings.Output
    {
        let event = try await visibleEvent(input.path.eventId, principal: try await optionalPrincipal())
        let answer = try await settingsSchema(event: event)
        return .ok(.init(headers: .init(eTag: ETag.make(answer.version)), body: .json(answer)))
    }

    func putRegistrationSettings(
        _ input: Operations.PutRegistrationSettings.Input
    ) async throws
        -> Operations.PutRegistrationSettings.Output
    {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        var capacities: [AttendanceMode: Int?] = [:]
        for (index, entry) in body.capacities.enumerated() {
            let mode = entry.mode.domain
            if capacities.keys.contains(mode) {
                throw DomainError.invalid("capacities[\(index)].mode", "lists \(mode.rawValue) twice")
            }
            capacities[mode] = .some(entry.capacity)
        }
        let settings = try RegistrationSettings(
            opensAt: body.opensAt, closesAt: body.closesAt, approvalRequired: body.approvalRequired ?? false,
            inviteOnly: body.inviteOnly ?? false, waitlist: body.waitlist ?? true, capacities: capacities,
            categories: body.categories.map { $0.map(\.domain) } ?? AttendeeCategory.allCases,
            requiredFields: (body.requiredFields ?? []).map(\.domain), replyTo: body.replyTo,
            workshopChoice: body.workshopChoice.map(Self.workshopChoice) ?? WorkshopChoice(),
            retentionDays: body.retentionDays
        ).validated(for: event)
        let expected = try ETag.version(from: input.headers.ifMatch)
        _ = try await registrations.saveSettings(settings, eventID: event.id, expectedVersion: expected)
        let answer = try await settingsSchema(event: event)
        return .ok(.init(headers: .init(eTag: ETag.make(answer.version)), body: .json(answer)))
    }

    private func settingsSchema(event: Event) async throws -> Components.Schemas.RegistrationSettings {
        guard let settings = try await registrations.settings(eventID: event.id) else {
            throw DomainError.notFound(resource: "registration settings (this event does not take registrations)")
        }
        let seats = try await registrations.seats(eventID: event.id)
        let now = Date()
        let isOpen =
            event.status == .published && (settings.opensAt.map { now >= $0 } ?? true)
            && now < (settings.closesAt ?? event.endsAt)
        return .init(
            opensAt: settings.opensAt, closesAt: settings.closesAt, approvalRequired: settings.approvalRequired,
            inviteOnly: settings.inviteOnly, waitlist: settings.waitlist,
            capacities: seats.map { seat in
                .init(
                    mode: .init(seat.mode), capacity: seat.capacity, confirmed: seat.taken,
                    available: seat.capacity.map { max(0, $0 - seat.taken) }, waitlisted: seat.waitlisted)
            },
            categories: settings.categories.map { .init($0) }, requiredFields: settings.requiredFields.map { .init($0) },
            replyTo: settings.replyTo, workshopChoice: Self.schema(settings.workshopChoice),
            retentionDays: settings.retentionDays,
            personalDataKeptUntil: (settings.retentionDays ?? retentionDays).map {
                event.endsAt.addingTimeInterval(Double($0) * 86_400)
            },
            isOpen: isOpen, version: settings.version)
    }

    static func workshopChoice(_ input: Components.Schemas.WorkshopChoice) -> WorkshopChoice {
        WorkshopChoice(
            mode: input.mode.domain, rankedChoices: input.rankedChoices, rankingsCloseAt: input.rankingsCloseAt,
            minimumAttendance: input.minimumAttendance)
    }

    static func schema(_ choice: WorkshopChoice) -> Components.Schemas.WorkshopChoice {
        .init(
            mode: .init(choice.mode), rankedChoices: choice.rankedChoices, rankingsCloseAt: choice.rankingsCloseAt,
            minimumAttendance: choice.minimumAttendance)
    }

    // MARK: Invitations

    func listInvitations(_ input: Operations.ListInvitations.Input) async throws -> Operations.ListInvitations.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        return .ok(.init(body: .json(.init(items: try await registrations.invitations(eventID: event.id).map(Self.schema)))))
    }

    func createInvitation(_ input: Operations.CreateInvitation.Input) async throws -> Operations.CreateInvitation.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        var violations: [FieldViolation] = []
        let code = body.code.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        if let code,
            !(4...40).contains(code.count)
                || !code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        {
            violations.append(FieldViolation(field: "code", message: "must be 4 to 40 letters, digits and dashes"))
        }
        let label = TextRules.clean(body.label, field: "label", maxLength: 200, into: &violations)
        if !(1...100_000).contains(body.uses) {
            violations.append(FieldViolation(field: "uses", message: "must be between 1 and 100000"))
        }
        guard violations.isEmpty else { throw DomainError.validation(violations) }
        let invitation = try await registrations.createInvitation(eventID: event.id, code: code, label: label, uses: body.uses)
        return .created(.init(body: .json(Self.schema(invitation))))
    }

    static func schema(_ invitation: RegistrationStore.Invitation) -> Components.Schemas.Invitation {
        .init(
            id: SchemaMapping.id(invitation.id), code: invitation.code, label: invitation.label, uses: invitation.uses,
            used: invitation.used)
    }

    // MARK: Registering

    func createRegistration(_ input: Operations.CreateRegistration.Input) async throws -> Operations.CreateRegistration.Output {
        let principal = try await optionalPrincipal()
        let byOrganizer = principal.map { $0.role >= .organizer } ?? false
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        // By id, the registration function itself refuses unknown and draft events: the busiest
        // call of the service costs one statement. A slug is resolved first.
        let eventID: UUID
        if let id = UUID(idText: input.path.eventId) {
            eventID = id
        } else {
            eventID = try await visibleEvent(input.path.eventId, principal: principal).id
        }
        let request = try RegistrationRequest(
            fullName: body.fullName, email: body.email, phone: body.phone,
            category: body.category.domain,
            affiliation: try Self.affiliation(body.affiliation), position: body.position,
            mode: body.mode.domain,
            workshops: try (body.workshops ?? []).enumerated().map { index, text in
                guard let id = UUID(idText: text) else {
                    throw DomainError.invalid("workshops[\(index)]", "must be an id (a UUID)")
                }
                return id
            },
            consent: body.consent, invitationCode: body.invitationCode, language: body.language?.domain
        ).validated()
        let created: RegistrationStore.Created
        let idempotent = IdempotentRequest.current
        if let recorded = idempotent?.recorded {
            // An earlier attempt with this key registered and died before answering: its
            // registration, as it stands now, is the answer.
            created = .init(
                registration: try await registrations.findWithExactPlace(id: recorded.registrationID),
                manageToken: recorded.manageToken)
            return Self.createdAnswer(created)
        }
        do {
            created = try await registrations.register(
                eventID: eventID, request, byOrganizer: byOrganizer, idempotency: idempotent?.key)
        } catch let refusal as DomainError {
            // Refusals by rule (full, closed, duplicate…) and the database being unavailable,
            // already in the domain's words: the store mapped them where they arose.
            Observability.registration(refusal)
            throw refusal
        } catch {
            Observability.registration("error")
            throw error
        }
        Observability.registration(created.registration.status.rawValue)
        try await faults.afterRegistrationCommitted?()
        return Self.createdAnswer(created)
    }

    private static func createdAnswer(_ created: RegistrationStore.Created) -> Operations.CreateRegistration.Output {
        .created(
            .init(
                headers: .init(location: "/v1/registrations/\(SchemaMapping.id(created.registration.id))"),
                body: .json(
                    .init(
                        value1: Self.schema(created.registration, includePrivate: true),
                        value2: .init(manageToken: created.manageToken)))))
    }

    static func affiliation(_ input: Components.Schemas.AffiliationInput?) throws(DomainError) -> Affiliation? {
        guard let input else { return nil }
        let given = [input.collectivity != nil, input.organizationId != nil, input.text != nil].filter { $0 }.count
        guard given <= 1 else {
            throw .invalid("affiliation", "give one of collectivity, organizationId or text, not several")
        }
        if let code = input.collectivity { return .collectivity(code) }
        if let id = input.organizationId {
            guard let uuid = UUID(idText: id) else { throw .invalid("affiliation.organizationId", "must be an id (a UUID)") }
            return .organization(uuid)
        }
        return input.text.map(Affiliation.text)
    }

    // MARK: Self-service

    /// The registration the caller may act on: with its manage token, or as an organiser. Any
    /// other token, or a token of another registration, gets 404: never somebody else's data.
    func accessibleRegistration(_ idText: String) async throws -> (Registration, isOrganizer: Bool) {
        guard let id = UUID(idText: idText) else { throw DomainError.notFound(resource: "registration") }
        switch RequestScope.current?.credential ?? .none {
        case .manageToken(let token):
            return (try await registrations.find(id: id, manageToken: token), false)
        case .none:
            throw DomainError.unauthenticated
        case .apiToken, .unrecognised:
            break
        }
        _ = try await authorize(.organizer)
        return (try await registrations.find(id: id), true)
    }

    func getRegistration(_ input: Operations.GetRegistration.Input) async throws -> Operations.GetRegistration.Output {
        let (registration, _) = try await accessibleRegistration(input.path.registrationId)
        var schema = Self.schema(registration, includePrivate: true)
        // The join link is private: a confirmed online attendee sees it with their own registration.
        if registration.status == .confirmed, registration.mode == .online {
            schema.joinUrl = try await events.find(registration.eventID.uuidString).online.joinURL
        }
        return .ok(.init(body: .json(schema)))
    }

    func updateRegistration(_ input: Operations.UpdateRegistration.Input) async throws -> Operations.UpdateRegistration.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let (registration, _) = try await accessibleRegistration(input.path.registrationId)
        var workshops: [UUID]?
        if let list = body.workshops {
            var seen = Set<UUID>()
            workshops = try list.enumerated().compactMap { index, text in
                guard let id = UUID(idText: text) else {
                    throw DomainError.invalid("workshops[\(index)]", "must be an id (a UUID)")
                }
                return seen.insert(id).inserted ? id : nil
            }
            if (workshops?.count ?? 0) > RegistrationRequest.maxWorkshops {
                throw DomainError.invalid("workshops", "must list at most \(RegistrationRequest.maxWorkshops) workshops")
            }
        }
        let changed = try await registrations.change(
            id: registration.id, mode: body.mode?.domain, workshops: workshops, language: body.language?.domain)
        return .ok(.init(body: .json(Self.schema(changed, includePrivate: true))))
    }

    func cancelRegistration(_ input: Operations.CancelRegistration.Input) async throws -> Operations.CancelRegistration.Output {
        let (registration, _) = try await accessibleRegistration(input.path.registrationId)
        let erase = input.query.erase ?? false
        if !registration.status.isActive && !erase {
            throw DomainError.conflict(
                rule: "registration_not_active", detail: "the registration is already \(registration.status.rawValue)")
        }
        let cancelled = try await registrations.cancel(id: registration.id, erase: erase)
        return .ok(.init(body: .json(Self.schema(cancelled, includePrivate: true))))
    }

    func decideRegistration(_ input: Operations.DecideRegistration.Input) async throws -> Operations.DecideRegistration.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        guard let id = UUID(idText: input.path.registrationId) else { throw DomainError.notFound(resource: "registration") }
        let decided = try await registrations.decide(id: id, approve: body.decision == .approve)
        return .ok(.init(body: .json(Self.schema(decided, includePrivate: true))))
    }

    // MARK: Organisers' lists

    private func registrationFilter(
        status: Components.Schemas.RegistrationStatus?, mode: Components.Schemas.AttendanceMode?,
        category: Components.Schemas.AttendeeCategory?, collectivity: String?, workshopId: String?, q: String?
    ) throws -> RegistrationStore.Filter {
        var violations: [FieldViolation] = []
        let search = TextRules.clean(q, field: "q", maxLength: 200, into: &violations)
        let collectivity = TextRules.clean(collectivity, field: "collectivity", maxLength: 40, into: &violations)
        guard violations.isEmpty else { throw DomainError.validation(violations) }
        return RegistrationStore.Filter(
            statuses: status.map { [$0.domain] }, mode: mode?.domain, category: category?.domain,
            collectivity: collectivity?.uppercased(), workshop: try SchemaMapping.uuid(workshopId, field: "workshopId"),
            search: search)
    }

    func listRegistrations(_ input: Operations.ListRegistrations.Input) async throws -> Operations.ListRegistrations.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        let query = input.query
        let filter = try registrationFilter(
            status: query.status, mode: query.mode, category: query.category, collectivity: query.collectivity,
            workshopId: query.workshopId, q: query.q)
        let limit = try PageCursor.limit(query.limit)
        let found = try await registrations.list(
            eventID: event.id, filter, after: try PageCursor.decode(query.cursor), limit: limit + 1)
        let page = found.prefix(limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.map { Self.schema($0, includePrivate: true) },
                        nextCursor: found.count > limit ? page.last.map { SchemaMapping.id($0.id) } : nil))))
    }

    func exportRegistrations(_ input: Operations.ExportRegistrations.Input) async throws -> Operations.ExportRegistrations.Output
    {
        let principal = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        let query = input.query
        let filter = try registrationFilter(
            status: query.status, mode: query.mode, category: query.category, collectivity: query.collectivity,
            workshopId: query.workshopId, q: query.q)
        let list = try await registrations.list(
            eventID: event.id, filter, after: nil, limit: nil,
            recording: AuditedUse(
                AuditActor(principal), .registrationsExported, detail: filter.auditTerms.merging(["format": "csv"]) { $1 }))
        let sessions = try await schedule.sessions(eventID: event.id)
        var titles: [UUID: String] = [:]
        for session in sessions {
            titles[session.id] = session.title.ar ?? session.title.fr ?? session.title.en ?? SchemaMapping.id(session.id)
        }
        let collectivities = try await attendance.collectivities(search: nil, kind: nil, parent: nil, limit: 1000)
        var names: [String: String] = [:]
        for collectivity in collectivities {
            names[collectivity.code] = collectivity.name.ar ?? collectivity.name.fr
        }
        let csv = RegistrationsCSV.render(list, workshopTitles: titles, collectivityNames: names)
        return .ok(
            .init(
                headers: .init(contentDisposition: "attachment; filename=\"\(event.slug)-registrations.csv\""),
                body: .csv(HTTPBody(csv))))
    }

    // MARK: Schema

    static func schema(_ registration: Registration, includePrivate: Bool) -> Components.Schemas.Registration {
        var affiliation: Components.Schemas.Affiliation?
        switch registration.affiliation {
        case .collectivity(let code): affiliation = .init(collectivity: code)
        case .organization(let id): affiliation = .init(organizationId: SchemaMapping.id(id))
        case .text(let text): affiliation = includePrivate ? .init(text: text) : nil
        case nil: affiliation = nil
        }
        return .init(
            id: SchemaMapping.id(registration.id), eventId: SchemaMapping.id(registration.eventID),
            status: .init(registration.status), language: .init(registration.language),
            waitlistPosition: registration.waitlistPosition, mode: .init(registration.mode),
            fullName: includePrivate ? registration.fullName : nil, email: includePrivate ? registration.email : nil,
            phone: includePrivate ? registration.phone : nil,
            category: .init(registration.category), affiliation: affiliation,
            position: includePrivate ? registration.position : nil, workshops: registration.workshops.map(SchemaMapping.id),
            checkInCode: CheckInCode.display(registration.checkInCode), consentAt: registration.consentAt,
            createdAt: registration.createdAt, erased: registration.erasedAt != nil)
    }
}

extension APIImplementation {
    func resendManageLink(_ input: Operations.ResendManageLink.Input) async throws -> Operations.ResendManageLink.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        var violations: [FieldViolation] = []
        guard let email = EmailAddress.validated(body.email, field: "email", into: &violations), violations.isEmpty else {
            throw DomainError.validation(violations)
        }
        let event = try await visibleEvent(input.path.eventId, principal: nil)
        try await registrations.resendManageLink(eventID: event.id, email: email)
        return .accepted(.init())
    }
}
