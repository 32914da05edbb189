import Foundation
import MultaqaDomain
import MultaqaStore

extension APIImplementation {
    /// An event the caller may see: drafts are the organisers' business, so to anybody else a
    /// draft does not exist (404, not 403).
    func visibleEvent(_ reference: String, principal: Principal?) async throws -> Event {
        let event = try await events.find(reference)
        guard event.status.isPublic || (principal.map { $0.role >= .organizer } ?? false) else {
            throw DomainError.notFound(resource: "event")
        }
        return event
    }

    func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let principal = try await optionalPrincipal()
        let isOrganizer = principal.map { $0.role >= .organizer } ?? false
        let limit = try PageCursor.limit(input.query.limit)
        var violations: [FieldViolation] = []
        let search = TextRules.clean(input.query.q, field: "q", maxLength: 200, into: &violations)
        guard violations.isEmpty else { throw DomainError.validation(violations) }
        var statuses = Event.Status.allCases.filter { isOrganizer || $0.isPublic }
        if let wanted = input.query.status?.domain {
            statuses = statuses.filter { $0 == wanted }
        }
        let filter = EventStore.Filter(
            statuses: statuses, format: input.query.format?.domain,
            from: input.query.from, to: input.query.to, search: search)
        let found = try await events.list(filter, after: try EventCursor.decode(input.query.cursor), limit: limit + 1)
        let page = found.prefix(limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.map { SchemaMapping.event($0, includePrivate: isOrganizer) },
                        nextCursor: found.count > limit ? page.last.map(EventCursor.encode) : nil))))
    }

    func createEvent(_ input: Operations.CreateEvent.Input) async throws -> Operations.CreateEvent.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try Event(
            slug: body.slug, kind: body.kind.domain, format: body.format.domain, title: SchemaMapping.text(body.title),
            theme: SchemaMapping.text(body.theme), description: SchemaMapping.text(body.description),
            timezone: body.timezone, startsAt: body.startsAt, endsAt: body.endsAt,
            venue: Event.Venue(name: body.venue?.name, city: body.venue?.city, address: body.venue?.address),
            online: Event.Online(
                platform: body.online?.platform, streamURL: body.online?.streamUrl, joinURL: body.online?.joinUrl),
            languages: body.languages ?? [], interpretation: body.interpretation ?? false,
            seriesID: try SchemaMapping.uuid(body.seriesId, field: "seriesId")
        ).validated()
        let created = try await events.create(event)
        return .created(
            .init(
                headers: .init(location: "/v1/events/\(SchemaMapping.id(created.id))", eTag: ETag.make(created.version)),
                body: .json(SchemaMapping.event(created, includePrivate: true))))
    }

    func getEvent(_ input: Operations.GetEvent.Input) async throws -> Operations.GetEvent.Output {
        let principal = try await optionalPrincipal()
        let event = try await visibleEvent(input.path.eventId, principal: principal)
        let isOrganizer = principal.map { $0.role >= .organizer } ?? false
        return .ok(
            .init(
                headers: .init(eTag: ETag.make(event.version)),
                body: .json(SchemaMapping.event(event, includePrivate: isOrganizer))))
    }

    func updateEvent(_ input: Operations.UpdateEvent.Input) async throws -> Operations.UpdateEvent.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        var event = try await events.find(input.path.eventId)
        let expected = try ETag.version(from: input.headers.ifMatch) ?? event.version
        if let value = body.slug { event.slug = value }
        if let value = body.kind { event.kind = value.domain }
        if let value = body.format { event.format = value.domain }
        if let value = body.title { event.title = SchemaMapping.text(value) }
        if let value = body.theme { event.theme = SchemaMapping.text(value) }
        if let value = body.description { event.description = SchemaMapping.text(value) }
        if let value = body.timezone { event.timezone = value }
        if let value = body.startsAt { event.startsAt = value }
        if let value = body.endsAt { event.endsAt = value }
        if let value = body.venue { event.venue = Event.Venue(name: value.name, city: value.city, address: value.address) }
        if let value = body.online {
            event.online = Event.Online(platform: value.platform, streamURL: value.streamUrl, joinURL: value.joinUrl)
        }
        if let value = body.languages { event.languages = value }
        if let value = body.interpretation { event.interpretation = value }
        if let value = body.seriesId { event.seriesID = try SchemaMapping.uuid(value, field: "seriesId") }
        if let value = body.status {
            event.status = try event.transition(to: value.domain)
        }
        let saved = try await events.save(try event.validated(), expectedVersion: expected)
        return .ok(
            .init(headers: .init(eTag: ETag.make(saved.version)), body: .json(SchemaMapping.event(saved, includePrivate: true))))
    }

    func deleteEvent(_ input: Operations.DeleteEvent.Input) async throws -> Operations.DeleteEvent.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        try await events.deleteDraft(id: event.id)
        return .noContent(.init())
    }
}

extension APIImplementation {
    func listSeries(_ input: Operations.ListSeries.Input) async throws -> Operations.ListSeries.Output {
        .ok(.init(body: .json(.init(items: try await SeriesStore(database: database).list().map(Self.schema)))))
    }

    func createSeries(_ input: Operations.CreateSeries.Input) async throws -> Operations.CreateSeries.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let series = try EventSeries(
            kind: body.kind.domain, name: SchemaMapping.text(body.name)
        ).validated()
        return .created(.init(body: .json(Self.schema(try await SeriesStore(database: database).create(series)))))
    }

    static func schema(_ series: EventSeries) -> Components.Schemas.Series {
        .init(
            id: SchemaMapping.id(series.id), kind: .init(series.kind),
            name: SchemaMapping.text(series.name) ?? .init())
    }
}
