import Foundation
import MultaqaDomain
import MultaqaStore
import OpenAPIRuntime

extension APIImplementation {
    func listAuditRecords(_ input: Operations.ListAuditRecords.Input) async throws -> Operations.ListAuditRecords.Output {
        _ = try await authorize(.organizer)
        let query = input.query
        let limit = try PageCursor.limit(query.limit)
        let found = try await AuditStore(database: database).list(
            eventID: try SchemaMapping.uuid(query.eventId, field: "eventId"), action: query.action?.domain,
            after: try PageCursor.decodeNumber(query.cursor), limit: limit + 1)
        let page = found.prefix(limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.map(Self.schema),
                        nextCursor: found.count > limit ? page.last.map { String($0.id) } : nil))))
    }

    static func schema(_ record: AuditRecord) -> Components.Schemas.AuditRecord {
        .init(
            id: record.id, recordedAt: record.recordedAt, actor: record.actor.name,
            tokenId: record.actor.tokenID.map(SchemaMapping.id), action: .init(record.action),
            eventId: SchemaMapping.id(record.eventID), eventSlug: record.eventSlug, people: record.people,
            detail: .init(additionalProperties: record.detail))
    }
}
