import Foundation
import MultaqaDomain
import MultaqaStore
import OpenAPIRuntime

/// Recordings, live streams and other media hosted elsewhere.
extension APIImplementation {
    var mediaLinks: MediaLinkStore { MediaLinkStore(database: database) }

    func listMediaLinks(_ input: Operations.ListMediaLinks.Input) async throws -> Operations.ListMediaLinks.Output {
        let principal = try await optionalPrincipal()
        let event = try await visibleEvent(input.path.eventId, principal: principal)
        let isOrganizer = principal.map { $0.role >= .organizer } ?? false
        let links = try await mediaLinks.list(eventID: event.id, shownOnly: !isOrganizer)
        return .ok(.init(body: .json(.init(items: try links.map(SchemaMapping.link)))))
    }

    func createMediaLink(_ input: Operations.CreateMediaLink.Input) async throws -> Operations.CreateMediaLink.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        let link = try MediaLink(
            eventID: event.id, sessionID: SchemaMapping.uuid(body.sessionId, field: "sessionId"),
            kind: body.kind.domain, title: SchemaMapping.text(body.title),
            url: body.url, language: body.language?.rawValue, publishedAt: body.publishedAt ?? Date()
        ).validated()
        let created = try await mediaLinks.create(link)
        return .created(
            .init(
                headers: .init(location: "/v1/links/\(SchemaMapping.id(created.id))", eTag: ETag.make(created.version)),
                body: .json(try SchemaMapping.link(created))))
    }

    func getMediaLink(_ input: Operations.GetMediaLink.Input) async throws -> Operations.GetMediaLink.Output {
        guard let id = UUID(idText: input.path.linkId) else { throw DomainError.notFound(resource: "link") }
        let principal = try await optionalPrincipal()
        let link = try await mediaLinks.find(id: id)
        if !(principal.map { $0.role >= .organizer } ?? false) {
            let event = try await events.find(link.eventID.uuidString)
            guard event.status.isPublic, link.isShown(at: Date()) else { throw DomainError.notFound(resource: "link") }
        }
        return .ok(.init(headers: .init(eTag: ETag.make(link.version)), body: .json(try SchemaMapping.link(link))))
    }

    func updateMediaLink(_ input: Operations.UpdateMediaLink.Input) async throws -> Operations.UpdateMediaLink.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        guard let id = UUID(idText: input.path.linkId) else { throw DomainError.notFound(resource: "link") }
        var link = try await mediaLinks.find(id: id)
        let expected = try ETag.version(from: input.headers.ifMatch)
        if let value = body.kind { link.kind = value.domain }
        if let value = body.title { link.title = SchemaMapping.text(value) }
        if let value = body.url { link.url = value }
        if let value = body.language { link.language = value.rawValue }
        if let value = body.publishedAt { link.publishedAt = value }
        if body.attachToEvent == true { link.sessionID = nil }
        if let value = try SchemaMapping.uuid(body.sessionId, field: "sessionId") { link.sessionID = value }
        let saved = try await mediaLinks.save(try link.validated(), expectedVersion: expected)
        return .ok(.init(headers: .init(eTag: ETag.make(saved.version)), body: .json(try SchemaMapping.link(saved))))
    }

    func deleteMediaLink(_ input: Operations.DeleteMediaLink.Input) async throws -> Operations.DeleteMediaLink.Output {
        _ = try await authorize(.organizer)
        guard let id = UUID(idText: input.path.linkId) else { throw DomainError.notFound(resource: "link") }
        try await mediaLinks.delete(id: id)
        return .noContent(.init())
    }
}
