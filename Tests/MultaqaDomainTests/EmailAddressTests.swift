import Testing

@testable import MultaqaDomain

@Suite("Email addresses") struct EmailAddressTests {
    private func check(_ value: String) -> (String?, [FieldViolation]) {
        var violations: [FieldViolation] = []
        let email = EmailAddress.validated(value, field: "email", into: &violations)
        return (email, violations)
    }

    @Test func aPlainAddressIsTrimmedAndLowerCased() {
        let (email, violations) = check("  Name.Surname@Example.ORG ")
        #expect(email == "name.surname@example.org")
        #expect(violations.isEmpty)
    }

    @Test func anAddressOutsideASCIIKeepsItsLetters() {
        let (email, violations) = check("\u{00A0}مشارك@مثال.مغرب")
        #expect(email == "مشارك@مثال.مغرب")
        #expect(violations.isEmpty)
    }

    @Test func nothingOrOnlySpacesIsNoAddress() {
        var none: [FieldViolation] = []
        #expect(EmailAddress.validated(nil, field: "email", into: &none) == nil)
        let (email, violations) = check("   ")
        #expect(email == nil)
        #expect(violations.isEmpty)
    }

    @Test(arguments: [
        "name", "@example.org", "name@", "name@example", "name@.example.org", "name@example.org.",
        "na me@example.org", "a@b@example.org", "name@@example.org", String(repeating: "a", count: 250) + "@b.org",
        "مشارك@مثال", "مش ارك@مثال.مغرب", "@مثال.مغرب",
    ])
    func aMisshapenAddressIsNamedWithItsRule(_ value: String) {
        let (email, violations) = check(value)
        #expect(email == nil)
        #expect(violations == [FieldViolation(field: "email", message: "must be an email address such as name@example.org")])
    }

    /// The octet check printable-ASCII addresses get against the character check every other
    /// address gets: the same verdict on every string of up to six of these pieces.
    @Test func theOctetAndCharacterChecksAgree() {
        let pieces = ["a", "@", ".", " ", "B", "-", "@."]
        var checked = 0
        func each(_ prefix: String, _ depth: Int) {
            for piece in pieces {
                let value = prefix + piece
                #expect(EmailAddress.hasShape(ascii: value) == EmailAddress.hasShape(value), "\(value)")
                checked += 1
                if depth > 1 { each(value, depth - 1) }
            }
        }
        each("", 6)
        #expect(EmailAddress.hasShape(ascii: String(repeating: "a", count: 250) + "@b.org") == false)
        #expect(checked == 137_256)
    }
}
