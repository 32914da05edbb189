import Testing

@testable import MultaqaDomain

@Suite("Organization input")
struct OrganizationTests {
    @Test("creation needs a name and a kind; the country is normalised")
    func creation() throws {
        let input = OrganizationInput(
            name: LocalizedText(ar: "المديرية العامة للجماعات الترابية"), acronym: " DGCT ", kind: .ministry, country: "ma")
        let valid = try input.validated(forCreation: true)
        #expect(valid.country == "MA")
        #expect(valid.acronym == "DGCT")

        #expect(throws: DomainError.validation([
            FieldViolation(field: "name", message: "is required"), FieldViolation(field: "kind", message: "is required"),
        ])) {
            try OrganizationInput().validated(forCreation: true)
        }
    }

    @Test("a change may leave everything out, but what it sends must be valid")
    func change() throws {
        #expect(try OrganizationInput().validated(forCreation: false) == OrganizationInput())
        #expect(throws: DomainError.self) { try OrganizationInput(country: "Morocco").validated(forCreation: false) }
    }

    @Test("roles are ordered")
    func roles() throws {
        let organizer = Principal(tokenID: .init(), name: "t", role: .organizer, personID: nil)
        try organizer.require(.rapporteur)
        try organizer.require(.organizer)
        #expect(throws: DomainError.self) { try organizer.require(.admin) }
    }
}
