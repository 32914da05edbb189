import Foundation
import MultaqaDomain

extension APIImplementation {
    func listOrganizations(
        _ input: Operations.ListOrganizations.Input
    ) async throws
        -> Operations.ListOrganizations.Output
    {
        let limit = try PageCursor.limit(input.query.limit)
        let after = try PageCursor.decode(input.query.cursor)
        var violations: [FieldViolation] = []
        let search = TextRules.clean(input.query.q, field: "q", maxLength: 200, into: &violations)
        guard violations.isEmpty else { throw DomainError.validation(violations) }
        // One more than asked tells whether another page follows, without a count query.
        let found = try await organizations.list(search: search, after: after, limit: limit + 1)
        let page = found.prefix(limit)
        let next = found.count > limit ? page.last?.id.uuidString : nil
        return .ok(.init(body: .json(.init(items: page.map(Self.schema), nextCursor: next))))
    }

    func createOrganization(
        _ input: Operations.CreateOrganization.Input
    ) async throws
        -> Operations.CreateOrganization.Output
    {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let valid = try OrganizationInput(
            name: Self.domain(body.name), acronym: body.acronym, kind: body.kind.domain, country: body.country
        ).validated(forCreation: true)
        let organization = try await organizations.create(valid)
        return .created(
            .init(
                headers: .init(
                    location: "/v1/organizations/\(organization.id.idText)",
                    eTag: ETag.make(organization.version)),
                body: .json(Self.schema(organization))))
    }

    func getOrganization(_ input: Operations.GetOrganization.Input) async throws -> Operations.GetOrganization.Output {
        let organization = try await organizations.find(id: try Self.uuid(input.path.organizationId))
        return .ok(.init(headers: .init(eTag: ETag.make(organization.version)), body: .json(Self.schema(organization))))
    }

    func updateOrganization(
        _ input: Operations.UpdateOrganization.Input
    ) async throws
        -> Operations.UpdateOrganization.Output
    {
        _ = try await authorize(.organizer)
        let id = try Self.uuid(input.path.organizationId)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let valid = try OrganizationInput(
            name: body.name.map(Self.domain), acronym: body.acronym, kind: body.kind?.domain,
            country: body.country
        ).validated(forCreation: false)
        let organization = try await organizations.update(
            id: id, valid, expectedVersion: try ETag.version(from: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: ETag.make(organization.version)), body: .json(Self.schema(organization))))
    }

    func deleteOrganization(
        _ input: Operations.DeleteOrganization.Input
    ) async throws
        -> Operations.DeleteOrganization.Output
    {
        _ = try await authorize(.organizer)
        try await organizations.delete(id: try Self.uuid(input.path.organizationId))
        return .noContent(.init())
    }

    static func uuid(_ text: String) throws(DomainError) -> UUID {
        // An id that cannot exist is simply not found: no hint about the id format is needed.
        guard let id = UUID(idText: text) else { throw .notFound(resource: "resource") }
        return id
    }

    static func schema(_ organization: Organization) -> Components.Schemas.Organization {
        .init(
            id: organization.id.idText, name: schema(organization.name), acronym: organization.acronym,
            kind: .init(organization.kind),
            country: organization.country, createdAt: organization.createdAt, updatedAt: organization.updatedAt,
            version: organization.version)
    }

    static func schema(_ text: LocalizedText) -> Components.Schemas.LocalizedText {
        .init(ar: text.ar, fr: text.fr, en: text.en)
    }

    static func domain(_ text: Components.Schemas.LocalizedText) -> LocalizedText {
        LocalizedText(ar: text.ar, fr: text.fr, en: text.en)
    }
}
