import Foundation
import MultaqaDomain
import MultaqaStore
import OpenAPIRuntime

/// Recommendations from workshop to follow-up.
extension APIImplementation {
    var recommendations: RecommendationStore { RecommendationStore(database: database) }

    /// Who is asking, and what that lets them see and do with recommendations.
    struct RecommendationAccess {
        let principal: Principal?
        /// Sessions whose drafts the caller may see and edit (a rapporteur's workshops).
        let ownSessions: [UUID]

        var isOrganizer: Bool { principal.map { $0.role >= .organizer } ?? false }
        var actor: String { principal.map { "\($0.name) (\($0.role.rawValue))" } ?? "anonymous" }

        func canSee(_ recommendation: Recommendation, event: Event) -> Bool {
            if isOrganizer { return true }
            if let session = recommendation.sessionID, ownSessions.contains(session) { return true }
            return recommendation.status.isPublic && event.status.isPublic
        }

        func canEdit(_ recommendation: Recommendation) -> Bool {
            if isOrganizer { return true }
            guard let session = recommendation.sessionID else { return false }
            return recommendation.status == .draft && ownSessions.contains(session)
        }

        var visibleStatuses: [Recommendation.Status] {
            isOrganizer ? Recommendation.Status.allCases : Recommendation.Status.allCases.filter(\.isPublic)
        }
    }

    func recommendationAccess(eventID: UUID?) async throws -> RecommendationAccess {
        let principal = try await optionalPrincipal()
        var own: [UUID] = []
        if let principal, principal.role == .rapporteur, let person = principal.personID {
            own = try await recommendations.draftableSessions(personID: person, eventID: eventID)
        }
        return RecommendationAccess(principal: principal, ownSessions: own)
    }

    /// A recommendation the caller may see, with its event; 404 otherwise (never 403: a draft
    /// does not exist for those who may not read it).
    private func visibleRecommendation(_ idText: String) async throws -> (Recommendation, Event, RecommendationAccess) {
        guard let id = UUID(idText: idText) else { throw DomainError.notFound(resource: "recommendation") }
        let recommendation = try await recommendations.find(id: id)
        let event = try await events.find(recommendation.eventID.uuidString)
        let access = try await recommendationAccess(eventID: event.id)
        guard access.canSee(recommendation, event: event) else { throw DomainError.notFound(resource: "recommendation") }
        return (recommendation, event, access)
    }

    // MARK: Reading

    func listEventRecommendations(
        _ input: Operations.ListEventRecommendations.Input
    ) async throws
        -> Operations.ListEventRecommendations.Output
    {
        let principal = try await optionalPrincipal()
        let event = try await visibleEvent(input.path.eventId, principal: principal)
        let access = try await recommendationAccess(eventID: event.id)
        var filter = RecommendationStore.Filter(statuses: access.visibleStatuses, eventID: event.id)
        filter.ownSessions = access.ownSessions
        filter.includeDraftEvents = access.isOrganizer
        if let wanted = input.query.status?.domain {
            filter.statuses = filter.statuses.filter { $0 == wanted }
            filter.ownSessions = []
            if access.canSeeDrafts(of: wanted) { filter.ownSessions = access.ownSessions }
        }
        return .ok(
            .init(
                body: .json(
                    try await page(
                        filter, cursor: input.query.cursor, limit: input.query.limit, access: access, status: input.query.status))
            ))
    }

    func listRecommendations(_ input: Operations.ListRecommendations.Input) async throws -> Operations.ListRecommendations.Output
    {
        let access = try await recommendationAccess(eventID: nil)
        var violations: [FieldViolation] = []
        let axis = TextRules.clean(input.query.axis, field: "axis", maxLength: 200, into: &violations)
        guard violations.isEmpty else { throw DomainError.validation(violations) }
        var filter = RecommendationStore.Filter(
            statuses: access.visibleStatuses, ownerID: try SchemaMapping.uuid(input.query.ownerId, field: "ownerId"),
            axis: axis, seriesID: try SchemaMapping.uuid(input.query.seriesId, field: "seriesId"),
            overdueOn: input.query.overdue == true ? Self.today() : nil)
        filter.ownSessions = access.ownSessions
        filter.includeDraftEvents = access.isOrganizer
        if let wanted = input.query.status?.domain {
            filter.statuses = filter.statuses.filter { $0 == wanted }
            if !access.canSeeDrafts(of: wanted) { filter.ownSessions = [] }
        }
        return .ok(
            .init(
                body: .json(
                    try await page(
                        filter, cursor: input.query.cursor, limit: input.query.limit, access: access, status: input.query.status))
            ))
    }

    private func page(
        _ filter: RecommendationStore.Filter, cursor: String?, limit requested: Int?, access: RecommendationAccess,
        status: Components.Schemas.RecommendationStatus?
    ) async throws -> Components.Schemas.RecommendationPage {
        let limit = try PageCursor.limit(requested)
        var found = try await recommendations.list(filter, after: try PageCursor.decode(cursor), limit: limit + 1)
        // A rapporteur's own drafts come in whatever their status; a status filter still applies.
        if let wanted = status?.domain {
            found = found.filter { $0.status == wanted }
        }
        let items = found.prefix(limit)
        let today = Self.today()
        return .init(
            items: items.map { Self.schema($0, today: today) },
            nextCursor: found.count > limit ? items.last.map { SchemaMapping.id($0.id) } : nil)
    }

    func getRecommendation(_ input: Operations.GetRecommendation.Input) async throws -> Operations.GetRecommendation.Output {
        let (recommendation, _, _) = try await visibleRecommendation(input.path.recommendationId)
        return .ok(
            .init(
                headers: .init(eTag: ETag.make(recommendation.version)),
                body: .json(Self.schema(recommendation, today: Self.today()))))
    }

    func getRecommendationHistory(
        _ input: Operations.GetRecommendationHistory.Input
    ) async throws
        -> Operations.GetRecommendationHistory.Output
    {
        let (recommendation, _, access) = try await visibleRecommendation(input.path.recommendationId)
        let changes = try await recommendations.history(id: recommendation.id)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: changes.map { change in
                            .init(
                                from: change.from.map { .init($0) }, to: .init(change.to), progress: change.progress,
                                note: change.note,
                                // Who moved it is the organisers' business; the public sees that it moved.
                                actor: access.isOrganizer ? change.actor : "organisers", at: change.at)
                        }))))
    }

    func getRecommendationSummary(
        _ input: Operations.GetRecommendationSummary.Input
    ) async throws
        -> Operations.GetRecommendationSummary.Output
    {
        let principal = try await optionalPrincipal()
        let event = try await visibleEvent(input.path.eventId, principal: principal)
        let access = try await recommendationAccess(eventID: event.id)
        let summary = try await recommendations.summary(eventID: event.id, statuses: access.visibleStatuses)
        func counts(_ values: [String: Int]) -> Components.Schemas.Counts { .init(additionalProperties: values) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        total: summary.total, byStatus: counts(summary.byStatus), byAxis: counts(summary.byAxis),
                        bySession: .init(value1: counts(summary.bySession)), byOwner: .init(value1: counts(summary.byOwner)),
                        implementedShare: summary.implementedShare))))
    }

    // MARK: Writing

    func createRecommendation(
        _ input: Operations.CreateRecommendation.Input
    ) async throws
        -> Operations.CreateRecommendation.Output
    {
        let principal = try await authorize(.rapporteur)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await visibleEvent(input.path.eventId, principal: principal)
        let access = try await recommendationAccess(eventID: event.id)
        let sessionID = try SchemaMapping.uuid(body.sessionId, field: "sessionId")
        if !access.isOrganizer {
            guard let sessionID, access.ownSessions.contains(sessionID) else {
                throw DomainError.forbidden(
                    detail:
                        "a rapporteur drafts recommendations only for the workshops where their person is rapporteur or coordinator"
                )
            }
        }
        let draft = try Recommendation(
            eventID: event.id, sessionID: sessionID, text: SchemaMapping.text(body.text),
            rationale: SchemaMapping.text(body.rationale), axis: body.axis,
            actorIDs: try Self.uuids(body.actorIds, field: "actorIds"),
            actorKinds: (body.actorKinds ?? []).map(\.domain),
            ownerID: try SchemaMapping.uuid(body.ownerId, field: "ownerId"),
            priority: body.priority?.domain, dueDate: body.dueDate,
            tags: body.tags ?? []
        ).validated()
        try await checkReferences(draft)
        let created = try await recommendations.create(draft, actor: access.actor)
        return .created(
            .init(
                headers: .init(location: "/v1/recommendations/\(SchemaMapping.id(created.id))", eTag: ETag.make(created.version)),
                body: .json(Self.schema(created, today: Self.today()))))
    }

    func updateRecommendation(
        _ input: Operations.UpdateRecommendation.Input
    ) async throws
        -> Operations.UpdateRecommendation.Output
    {
        _ = try await authorize(.rapporteur)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        var (recommendation, _, access) = try await visibleRecommendation(input.path.recommendationId)
        guard access.canEdit(recommendation) else {
            throw DomainError.forbidden(detail: "rapporteurs edit only the drafts of their own workshops")
        }
        let expected = try ETag.version(from: input.headers.ifMatch) ?? recommendation.version
        if let value = body.sessionId {
            let session = try SchemaMapping.uuid(value, field: "sessionId")
            if !access.isOrganizer, let session, !access.ownSessions.contains(session) {
                throw DomainError.forbidden(detail: "a rapporteur moves a draft only between their own workshops")
            }
            recommendation.sessionID = session
        }
        if let value = body.text { recommendation.text = SchemaMapping.text(value) }
        if let value = body.rationale { recommendation.rationale = SchemaMapping.text(value) }
        if let value = body.axis { recommendation.axis = value }
        if let value = body.actorIds { recommendation.actorIDs = try Self.uuids(value, field: "actorIds") }
        if let value = body.actorKinds { recommendation.actorKinds = value.map(\.domain) }
        if let value = body.ownerId { recommendation.ownerID = try SchemaMapping.uuid(value, field: "ownerId") }
        if let value = body.priority { recommendation.priority = value.domain }
        if let value = body.dueDate { recommendation.dueDate = value }
        if let value = body.tags { recommendation.tags = value }
        let valid = try recommendation.validated()
        try await checkReferences(valid)
        let saved = try await recommendations.save(valid, expectedVersion: expected)
        return .ok(.init(headers: .init(eTag: ETag.make(saved.version)), body: .json(Self.schema(saved, today: Self.today()))))
    }

    func deleteRecommendation(
        _ input: Operations.DeleteRecommendation.Input
    ) async throws
        -> Operations.DeleteRecommendation.Output
    {
        _ = try await authorize(.rapporteur)
        let (recommendation, _, access) = try await visibleRecommendation(input.path.recommendationId)
        guard access.canEdit(recommendation) else {
            throw DomainError.forbidden(detail: "rapporteurs delete only the drafts of their own workshops")
        }
        try await recommendations.deleteDraft(id: recommendation.id)
        return .noContent(.init())
    }

    func transitionRecommendation(
        _ input: Operations.TransitionRecommendation.Input
    ) async throws
        -> Operations.TransitionRecommendation.Output
    {
        _ = try await authorize(.rapporteur)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let (recommendation, _, access) = try await visibleRecommendation(input.path.recommendationId)
        let target = body.to.domain
        // Rapporteurs submit their workshops' drafts; every other move is the organisers'.
        if !access.isOrganizer && !(target == .submitted && access.canEdit(recommendation)) {
            throw DomainError.forbidden(detail: "rapporteurs submit their workshops' drafts; organisers decide the rest")
        }
        var violations: [FieldViolation] = []
        let note = TextRules.clean(body.note, field: "note", maxLength: 2000, allowLineBreaks: true, into: &violations)
        guard violations.isEmpty else { throw DomainError.validation(violations) }
        let moved = try recommendation.transition(
            to: target, progress: body.progress, mergedInto: try SchemaMapping.uuid(body.mergedInto, field: "mergedInto"))
        if let into = moved.mergedInto, moved.status == .merged {
            let other = try? await recommendations.find(id: into)
            guard let other, other.eventID == recommendation.eventID else {
                throw DomainError.invalid("mergedInto", "must be another recommendation of the same event")
            }
        }
        let saved = try await recommendations.transition(moved, from: recommendation.status, note: note, actor: access.actor)
        return .ok(.init(headers: .init(eTag: ETag.make(saved.version)), body: .json(Self.schema(saved, today: Self.today()))))
    }

    /// The session belongs to the event; the organizations named exist.
    private func checkReferences(_ recommendation: Recommendation) async throws {
        if let session = recommendation.sessionID {
            do {
                _ = try await schedule.session(id: session, eventID: recommendation.eventID)
            } catch DomainError.notFound {
                throw DomainError.invalid("sessionId", "is not a session of this event")
            }
        }
        let unknown = try await recommendations.unknownOrganizations(
            recommendation.actorIDs + (recommendation.ownerID.map { [$0] } ?? []))
        if let first = unknown.first {
            let field = first == recommendation.ownerID ? "ownerId" : "actorIds"
            throw DomainError.invalid(field, "\(SchemaMapping.id(first)) is not an existing organization")
        }
    }

    static func uuids(_ texts: [String]?, field: String) throws(DomainError) -> [UUID] {
        var ids: [UUID] = []
        for (index, text) in (texts ?? []).enumerated() {
            guard let id = UUID(idText: text) else { throw .invalid("\(field)[\(index)]", "must be an id (a UUID)") }
            ids.append(id)
        }
        return ids
    }

    /// Today in Morocco's time zone: due dates are days as the programme's people count them.
    static func today() -> String {
        Program.day(Date(), Program.calendar("Africa/Casablanca"))
    }

    static func schema(_ recommendation: Recommendation, today: String) -> Components.Schemas.Recommendation {
        .init(
            id: SchemaMapping.id(recommendation.id), eventId: SchemaMapping.id(recommendation.eventID),
            number: recommendation.number, label: recommendation.label, sessionId: recommendation.sessionID.map(SchemaMapping.id),
            text: SchemaMapping.text(recommendation.text) ?? .init(), rationale: SchemaMapping.text(recommendation.rationale),
            axis: recommendation.axis, actorIds: recommendation.actorIDs.map(SchemaMapping.id),
            actorKinds: recommendation.actorKinds.map { .init($0) },
            ownerId: recommendation.ownerID.map(SchemaMapping.id),
            priority: recommendation.priority.map { .init($0) }, dueDate: recommendation.dueDate,
            tags: recommendation.tags, status: .init(recommendation.status),
            progress: recommendation.progress, mergedInto: recommendation.mergedInto.map(SchemaMapping.id),
            overdue: recommendation.isOverdue(today: today), createdAt: recommendation.createdAt,
            updatedAt: recommendation.updatedAt, version: recommendation.version)
    }
}

extension APIImplementation.RecommendationAccess {
    /// Whether a status filter should still include the caller's own drafts.
    func canSeeDrafts(of status: Recommendation.Status) -> Bool {
        !status.isPublic && !ownSessions.isEmpty
    }
}
