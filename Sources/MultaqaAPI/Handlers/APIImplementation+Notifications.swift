import Foundation
import MultaqaDomain
import MultaqaStore

extension APIImplementation {
    var notifications: NotificationStore { NotificationStore(database: database) }

    func listNotifications(_ input: Operations.ListNotifications.Input) async throws -> Operations.ListNotifications.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        let limit = try PageCursor.limit(input.query.limit)
        let found = try await notifications.list(
            eventID: event.id, status: input.query.status?.domain, after: try PageCursor.decodeNumber(input.query.cursor),
            limit: limit + 1)
        let page = found.prefix(limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.map(Self.schema),
                        nextCursor: found.count > limit ? page.last.map { String($0.id) } : nil))))
    }

    func retryNotification(_ input: Operations.RetryNotification.Input) async throws -> Operations.RetryNotification.Output {
        _ = try await authorize(.organizer)
        return .ok(.init(body: .json(Self.schema(try await notifications.retry(id: input.path.notificationId)))))
    }

    static func schema(_ entry: NotificationStore.Entry) -> Components.Schemas.Notification {
        .init(
            id: entry.id, eventId: SchemaMapping.id(entry.eventID), registrationId: entry.registrationID.map(SchemaMapping.id),
            kind: .init(entry.kind), status: .init(entry.status), recipient: entry.recipient, attempts: entry.attempts,
            createdAt: entry.createdAt, nextAttemptAt: entry.nextAttemptAt, sentAt: entry.sentAt, failedAt: entry.failedAt,
            lastError: entry.lastError)
    }
}
