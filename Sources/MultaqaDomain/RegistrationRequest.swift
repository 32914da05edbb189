import Foundation

/// What an attendee sends to register, checked before anything reaches the database.
public struct RegistrationRequest: Equatable, Sendable {
    public var fullName: String
    public var email: String
    public var phone: String?
    public var category: AttendeeCategory
    public var affiliation: Affiliation?
    public var position: String?
    public var mode: AttendanceMode
    public var workshops: [UUID]
    public var consent: Bool
    public var invitationCode: String?
    /// The language the attendee reads; nil: the event's (`Language.defaultFor`).
    public var language: Language?

    public init(
        fullName: String, email: String, phone: String? = nil, category: AttendeeCategory, affiliation: Affiliation? = nil,
        position: String? = nil, mode: AttendanceMode, workshops: [UUID] = [], consent: Bool, invitationCode: String? = nil,
        language: Language? = nil
    ) {
        self.fullName = fullName
        self.email = email
        self.phone = phone
        self.category = category
        self.affiliation = affiliation
        self.position = position
        self.mode = mode
        self.workshops = workshops
        self.consent = consent
        self.invitationCode = invitationCode
        self.language = language
    }

    public static let maxWorkshops = 20

    /// Names NFC-normalised (Arabic or Latin script), email trimmed and lower-cased, workshops
    /// without repeats; consent is required.
    public func validated() throws(DomainError) -> RegistrationRequest {
        var violations: [FieldViolation] = []
        var request = self
        if let name = TextRules.clean(fullName, field: "fullName", maxLength: 200, into: &violations) {
            request.fullName = name
            if !name.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
                violations.append(FieldViolation(field: "fullName", message: "must contain letters"))
            }
        } else if !violations.contains(where: { $0.field == "fullName" }) {
            violations.append(FieldViolation(field: "fullName", message: "is required"))
        }
        if let email = EmailAddress.validated(email, field: "email", into: &violations) {
            request.email = email
        } else if !violations.contains(where: { $0.field == "email" }) {
            violations.append(FieldViolation(field: "email", message: "is required"))
        }
        request.phone = PhoneNumber.validated(phone, field: "phone", into: &violations)
        request.position = TextRules.clean(position, field: "position", maxLength: 300, into: &violations)
        if case .text(let text) = affiliation {
            request.affiliation = TextRules.clean(text, field: "affiliation.text", maxLength: 300, into: &violations)
                .map(Affiliation.text)
        }
        if case .collectivity(let code) = affiliation {
            let trimmed = code.trimmingCharacters(in: .whitespaces).uppercased()
            if trimmed.isEmpty || trimmed.count > 40
                || !trimmed.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
            {
                violations.append(
                    FieldViolation(field: "affiliation.collectivity", message: "must be a code from GET /v1/collectivities"))
            }
            request.affiliation = .collectivity(trimmed)
        }
        if !consent {
            violations.append(
                FieldViolation(
                    field: "consent", message: "must be true: registering requires consent to the processing of personal data"))
        }
        var seen = Set<UUID>()
        request.workshops = workshops.filter { seen.insert($0).inserted }
        if request.workshops.count > Self.maxWorkshops {
            violations.append(FieldViolation(field: "workshops", message: "must list at most \(Self.maxWorkshops) workshops"))
        }
        if let code = invitationCode {
            let trimmed = TextRules.clean(code, field: "invitationCode", maxLength: 40, into: &violations)?.uppercased()
            request.invitationCode = trimmed
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return request
    }
}
