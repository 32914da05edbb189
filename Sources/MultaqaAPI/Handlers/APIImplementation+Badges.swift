import Foundation
import MultaqaDomain
import MultaqaReports
import MultaqaServices
import MultaqaStore
import OpenAPIRuntime

/// Badges as PDF: the organisers' sheet and an attendee's own badge.
extension APIImplementation {
    func getEventBadges(_ input: Operations.GetEventBadges.Input) async throws -> Operations.GetEventBadges.Output {
        let principal = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        let query = input.query
        let layout: BadgeSheet.Layout =
            switch query.layout {
            case .a6, nil: .a6
            case .a48: .a4x8
            }
        let language = query.lang?.domain ?? Language.defaultFor(eventLanguages: event.languages)
        let filter = RegistrationStore.Filter(
            statuses: [query.status?.domain ?? .confirmed], mode: query.mode?.domain, category: query.category?.domain)
        let sheet = try await BadgeService(database: database).sheet(
            event: event, language: language, layout: layout, filter: filter,
            recording: AuditedUse(
                AuditActor(principal), .badgesExported,
                detail: filter.auditTerms.merging(["layout": layout.rawValue, "language": language.rawValue]) { $1 }))
        let pdf = try await BadgeService.pdf(sheet)
        return .ok(
            .init(
                headers: .init(contentDisposition: "attachment; filename=\"\(event.slug)-badges-\(layout.rawValue).pdf\""),
                body: .pdf(HTTPBody(pdf.pieces(), length: .known(Int64(pdf.size)), iterationBehavior: .single))))
    }

    func getRegistrationBadge(
        _ input: Operations.GetRegistrationBadge.Input
    ) async throws -> Operations.GetRegistrationBadge.Output {
        let (registration, _) = try await accessibleRegistration(input.path.registrationId)
        // A badge opens the door: only a confirmed registration has one.
        guard registration.status == .confirmed else {
            throw DomainError.conflict(
                rule: "not_confirmed",
                detail: "only a confirmed registration has a badge; this one is \(registration.status.rawValue)")
        }
        let event = try await events.find(registration.eventID.uuidString)
        let sheet = try await BadgeService(database: database).sheet(
            event: event, language: input.query.lang?.domain ?? registration.language, layout: .a6,
            filter: .init(statuses: [.confirmed]), registration: registration.id)
        let pdf = try await BadgeService.pdf(sheet)
        return .ok(
            .init(
                headers: .init(contentDisposition: "attachment; filename=\"\(event.slug)-badge.pdf\""),
                body: .pdf(HTTPBody(pdf.pieces(), length: .known(Int64(pdf.size)), iterationBehavior: .single))))
    }
}
