import Foundation

/// A speaker, moderator, coordinator or rapporteur, with the honorific and the long official
/// title the meetings print. Email and phone are private: organisers only.
public struct Person: Equatable, Sendable {
    public var id: UUID
    public var honorific: LocalizedText
    public var fullName: LocalizedText
    public var position: LocalizedText
    public var organizationID: UUID?
    public var country: String?
    public var bio: LocalizedText
    public var email: String?
    public var phone: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID = UUID(), honorific: LocalizedText = .init(), fullName: LocalizedText, position: LocalizedText = .init(),
        organizationID: UUID? = nil, country: String? = nil, bio: LocalizedText = .init(), email: String? = nil,
        phone: String? = nil, createdAt: Date = Date(), updatedAt: Date = Date(), version: Int = 1
    ) {
        self.id = id
        self.honorific = honorific
        self.fullName = fullName
        self.position = position
        self.organizationID = organizationID
        self.country = country
        self.bio = bio
        self.email = email
        self.phone = phone
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// Every rule at once; returns the normalised person.
    public func validated() throws(DomainError) -> Person {
        var violations: [FieldViolation] = []
        var person = self
        person.honorific = honorific.validated("honorific", maxLength: 100, required: false, into: &violations)
        person.fullName = fullName.validated("fullName", maxLength: 200, required: true, into: &violations)
        person.position = position.validated("position", maxLength: 500, required: false, into: &violations)
        person.country = CountryCode.validated(country, field: "country", into: &violations)
        person.bio = self.bio.validated(
            "bio", maxLength: 5000, required: false, allowLineBreaks: true, into: &violations)
        person.email = EmailAddress.validated(email, field: "email", into: &violations)
        person.phone = PhoneNumber.validated(phone, field: "phone", into: &violations)
        guard violations.isEmpty else { throw .validation(violations) }
        return person
    }
}

public enum EmailAddress {
    /// Trimmed and lower-cased for comparison; a deliberately plain shape check (one @, a dot in
    /// the domain, no spaces): the only real check is a message that arrives.
    public static func validated(_ value: String?, field: String, into violations: inout [FieldViolation]) -> String? {
        guard let value else { return nil }
        // Printable ASCII (nearly every address) is trimmed and checked without Unicode tables.
        let ascii = TextRules.isPrintableASCII(value)
        let email = (ascii ? TextRules.trimmingSpaces(value) : value.trimmingCharacters(in: .whitespacesAndNewlines))
            .lowercased()
        if email.isEmpty { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let blank =
            ascii
            ? email.utf8.contains(0x20)
            : email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !blank
        else {
            violations.append(FieldViolation(field: field, message: "must be an email address such as name@example.org"))
            return nil
        }
        return email
    }
}

public enum PhoneNumber {
    /// Digits with an optional leading +, spaces, dots, dashes and parentheses; 6 to 20 digits.
    public static func validated(_ value: String?, field: String, into violations: inout [FieldViolation]) -> String? {
        guard let value else { return nil }
        let phone = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if phone.isEmpty { return nil }
        let digits = phone.filter(\.isASCII).filter(\.isNumber).count
        let allowed = phone.enumerated().allSatisfy { index, character in
            (character.isASCII && character.isNumber) || " .-()".contains(character) || (index == 0 && character == "+")
        }
        guard allowed, (6...20).contains(digits), phone.count <= 40 else {
            violations.append(FieldViolation(field: field, message: "must be a phone number such as +212 5 37 00 00 00"))
            return nil
        }
        return phone
    }
}
