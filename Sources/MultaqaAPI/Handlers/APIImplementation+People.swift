import Foundation
import MultaqaDomain

extension APIImplementation {
    func listPeople(_ input: Operations.ListPeople.Input) async throws -> Operations.ListPeople.Output {
        let principal = try await optionalPrincipal()
        let limit = try PageCursor.limit(input.query.limit)
        let after = try PageCursor.decode(input.query.cursor)
        var violations: [FieldViolation] = []
        let search = TextRules.clean(input.query.q, field: "q", maxLength: 200, into: &violations)
        guard violations.isEmpty else { throw DomainError.validation(violations) }
        let organizationID = try SchemaMapping.uuid(input.query.organizationId, field: "organizationId")
        let includePrivate = principal.map { $0.role >= .organizer } ?? false
        let found = try await people.list(
            search: search, organizationID: organizationID, after: after, limit: limit + 1, publicOnly: !includePrivate)
        let page = found.prefix(limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.map { SchemaMapping.person($0, includePrivate: includePrivate) },
                        nextCursor: found.count > limit ? page.last.map { SchemaMapping.id($0.id) } : nil))))
    }

    func createPerson(_ input: Operations.CreatePerson.Input) async throws -> Operations.CreatePerson.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let person = try Person(
            honorific: SchemaMapping.text(body.honorific), fullName: SchemaMapping.text(body.fullName),
            position: SchemaMapping.text(body.position),
            organizationID: SchemaMapping.uuid(body.organizationId, field: "organizationId"), country: body.country,
            bio: SchemaMapping.text(body.bio), email: body.email, phone: body.phone
        ).validated()
        let created = try await people.create(person)
        return .created(
            .init(
                headers: .init(location: "/v1/people/\(SchemaMapping.id(created.id))", eTag: ETag.make(created.version)),
                body: .json(SchemaMapping.person(created, includePrivate: true))))
    }

    func getPerson(_ input: Operations.GetPerson.Input) async throws -> Operations.GetPerson.Output {
        let principal = try await optionalPrincipal()
        let includePrivate = principal.map { $0.role >= .organizer } ?? false
        let person = try await people.find(id: try Self.uuid(input.path.personId), publicOnly: !includePrivate)
        return .ok(
            .init(
                headers: .init(eTag: ETag.make(person.version)),
                body: .json(SchemaMapping.person(person, includePrivate: includePrivate))))
    }

    func updatePerson(_ input: Operations.UpdatePerson.Input) async throws -> Operations.UpdatePerson.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        var person = try await people.find(id: try Self.uuid(input.path.personId))
        let expected = try ETag.version(from: input.headers.ifMatch) ?? person.version
        if let value = body.honorific { person.honorific = SchemaMapping.text(value) }
        if let value = body.fullName { person.fullName = SchemaMapping.text(value) }
        if let value = body.position { person.position = SchemaMapping.text(value) }
        if let value = body.organizationId { person.organizationID = try SchemaMapping.uuid(value, field: "organizationId") }
        if let value = body.country { person.country = value }
        if let value = body.bio { person.bio = SchemaMapping.text(value) }
        if let value = body.email { person.email = value }
        if let value = body.phone { person.phone = value }
        let saved = try await people.save(try person.validated(), expectedVersion: expected)
        return .ok(
            .init(headers: .init(eTag: ETag.make(saved.version)), body: .json(SchemaMapping.person(saved, includePrivate: true))))
    }

    func deletePerson(_ input: Operations.DeletePerson.Input) async throws -> Operations.DeletePerson.Output {
        _ = try await authorize(.organizer)
        try await people.delete(id: try Self.uuid(input.path.personId))
        return .noContent(.init())
    }
}
