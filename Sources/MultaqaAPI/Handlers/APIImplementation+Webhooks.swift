import Foundation
import MultaqaDomain
import MultaqaServices
import MultaqaStore

extension APIImplementation {
    var webhooks: WebhookStore { WebhookStore(database: database) }

    func listWebhooks(_ input: Operations.ListWebhooks.Input) async throws -> Operations.ListWebhooks.Output {
        _ = try await authorize(.organizer)
        return .ok(.init(body: .json(.init(items: try await webhooks.list().map(Self.schema)))))
    }

    func createWebhook(_ input: Operations.CreateWebhook.Input) async throws -> Operations.CreateWebhook.Output {
        let principal = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let url = body.url.trimmingCharacters(in: .whitespaces)
        try await WebhookDestination.check(url, allowPrivate: webhookAllowPrivate)
        var eventID: UUID?
        if let reference = body.eventId {
            eventID = try await visibleEvent(reference, principal: principal).id
        }
        var kinds: [WebhookKind] = []
        for kind in body.kinds.map(\.domain) where !kinds.contains(kind) { kinds.append(kind) }
        let (webhook, secret) = try await webhooks.create(url: url, kinds: kinds, eventID: eventID)
        return .created(.init(body: .json(.init(value1: Self.schema(webhook), value2: .init(secret: secret)))))
    }

    func deleteWebhook(_ input: Operations.DeleteWebhook.Input) async throws -> Operations.DeleteWebhook.Output {
        _ = try await authorize(.organizer)
        guard let id = UUID(idText: input.path.webhookId) else { throw DomainError.notFound(resource: "webhook") }
        try await webhooks.delete(id: id)
        return .noContent(.init())
    }

    func listWebhookDeliveries(
        _ input: Operations.ListWebhookDeliveries.Input
    ) async throws -> Operations.ListWebhookDeliveries.Output {
        _ = try await authorize(.organizer)
        guard let id = UUID(idText: input.path.webhookId) else { throw DomainError.notFound(resource: "webhook") }
        _ = try await webhooks.find(id: id)
        let limit = try PageCursor.limit(input.query.limit)
        let found = try await webhooks.deliveries(
            webhookID: id, status: input.query.status?.domain, after: try PageCursor.decodeNumber(input.query.cursor),
            limit: limit + 1)
        let page = found.prefix(limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.map { delivery in
                            .init(
                                id: delivery.id, kind: .init(delivery.kind), status: .init(delivery.status),
                                attempts: delivery.attempts, createdAt: delivery.createdAt,
                                nextAttemptAt: delivery.nextAttemptAt, deliveredAt: delivery.deliveredAt,
                                failedAt: delivery.failedAt, lastStatus: delivery.lastStatus, lastError: delivery.lastError)
                        },
                        nextCursor: found.count > limit ? page.last.map { String($0.id) } : nil))))
    }

    static func schema(_ webhook: Webhook) -> Components.Schemas.Webhook {
        .init(
            id: SchemaMapping.id(webhook.id), url: webhook.url, kinds: webhook.kinds.map(Components.Schemas.WebhookKind.init),
            eventId: webhook.eventID.map(SchemaMapping.id), createdAt: webhook.createdAt)
    }
}
