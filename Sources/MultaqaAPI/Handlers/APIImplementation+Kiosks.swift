import Foundation
import MultaqaDomain
import MultaqaStore
import OpenAPIRuntime

/// Check-in kiosks: a code per event and day that opens the scanning page at the door.
extension APIImplementation {
    var kiosks: KioskStore { KioskStore(database: database) }

    func createKiosk(_ input: Operations.CreateKiosk.Input) async throws -> Operations.CreateKiosk.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        var violations: [FieldViolation] = []
        let label = TextRules.clean(body.label, field: "label", maxLength: 100, into: &violations)
        if label == nil, violations.isEmpty { violations.append(FieldViolation(field: "label", message: "must not be blank")) }
        var day: String?
        do {
            day = try CheckInDay.resolve(body.day, event: event, sessionStart: nil)
        } catch .validation(let found) {
            violations += found
        } catch {
            throw error
        }
        guard violations.isEmpty, let day, let label else { throw DomainError.validation(violations) }
        let (kiosk, code) = try await kiosks.create(eventID: event.id, day: day, label: label)
        var schema = Self.schema(kiosk, slug: event.slug)
        schema.code = SecretCode.display(code)
        return .created(.init(body: .json(schema)))
    }

    func listKiosks(_ input: Operations.ListKiosks.Input) async throws -> Operations.ListKiosks.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        let list = try await kiosks.list(eventID: event.id)
        return .ok(.init(body: .json(.init(items: list.map { Self.schema($0, slug: event.slug) }))))
    }

    func revokeKiosk(_ input: Operations.RevokeKiosk.Input) async throws -> Operations.RevokeKiosk.Output {
        _ = try await authorize(.organizer)
        guard let id = UUID(idText: input.path.kioskId) else { throw DomainError.notFound(resource: "kiosk") }
        _ = try await kiosks.revoke(id: id)
        return .noContent(.init())
    }

    static func schema(_ kiosk: Kiosk, slug: String) -> Components.Schemas.Kiosk {
        .init(
            id: SchemaMapping.id(kiosk.id), eventId: SchemaMapping.id(kiosk.eventID), day: kiosk.day, label: kiosk.label,
            createdAt: kiosk.createdAt, revokedAt: kiosk.revokedAt, url: "/checkin/\(slug)")
    }
}
