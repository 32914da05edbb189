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
