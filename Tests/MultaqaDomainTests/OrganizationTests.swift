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

        #expect(
            throws: DomainError.validation([
                FieldViolation(field: "name", message: "is required"), FieldViolation(field: "kind", message: "is required"),
            ])
        ) {
            try OrganizationInput().validated(forCreation: true)
        }
    }

    @Test("a change may leave everything out, but what it sends must be valid")
    func change() throws {
        #expect(try OrganizationInput().validated(forCreation: false) == OrganizationInput())
        #expect(throws: DomainError.self) { try OrganizationInput(country: "Morocco").validated(forCreation: false) }
    }

    @Test("slugs: lower-case words and dashes, never something that reads as an id")
    func slugs() {
        #expect(Event.isSlug("forum-saidia-2024"))
        #expect(!Event.isSlug("Forum"))
        #expect(!Event.isSlug("a--b"))
        #expect(!Event.isSlug("-a"))
        #expect(!Event.isSlug("3f2504e0-4f89-11d3-9a0c-0305e82c3301"))
    }

    @Test("lengths are counted in code points, as PostgreSQL counts them")
    func codePoints() {
        var violations: [FieldViolation] = []
        // Letters with harakat: fewer characters on screen than code points.
        let vocalised = "مَدِينَةٌ"
        #expect(vocalised.count < vocalised.unicodeScalars.count - 1)
        #expect(TextRules.clean(vocalised, field: "t", maxLength: vocalised.unicodeScalars.count - 1, into: &violations) == nil)
        #expect(TextRules.clean(vocalised, field: "t", maxLength: vocalised.unicodeScalars.count, into: &violations) == vocalised)
    }

    @Test("roles are ordered")
    func roles() throws {
        let organizer = Principal(tokenID: .init(), name: "t", role: .organizer, personID: nil)
        try organizer.require(.rapporteur)
        try organizer.require(.organizer)
        #expect(throws: DomainError.self) { try organizer.require(.admin) }
    }
}
