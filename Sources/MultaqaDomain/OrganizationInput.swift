import Foundation

/// What an organiser sends to create or change an organization. For a change, nil means
/// "leave as it is".
public struct OrganizationInput: Equatable, Sendable {
    public static let nameMaxLength = 300
    public static let acronymMaxLength = 30

    public var name: LocalizedText?
    public var acronym: String?
    public var kind: Organization.Kind?
    public var country: String?

    public init(name: LocalizedText? = nil, acronym: String? = nil, kind: Organization.Kind? = nil, country: String? = nil) {
        self.name = name
        self.acronym = acronym
        self.kind = kind
        self.country = country
    }

    /// Checks every field and returns the normalised input, or throws all violations at once.
    public func validated(forCreation: Bool) throws(DomainError) -> OrganizationInput {
        var violations: [FieldViolation] = []
        var result = OrganizationInput(kind: kind)
        if let name {
            result.name = name.validated("name", maxLength: Self.nameMaxLength, required: true, into: &violations)
        } else if forCreation {
            violations.append(FieldViolation(field: "name", message: "is required"))
        }
        result.acronym = TextRules.clean(acronym, field: "acronym", maxLength: Self.acronymMaxLength, into: &violations)
        if forCreation && kind == nil {
            violations.append(FieldViolation(field: "kind", message: "is required"))
        }
        result.country = CountryCode.validated(country, field: "country", into: &violations)
        guard violations.isEmpty else { throw .validation(violations) }
        return result
    }
}
