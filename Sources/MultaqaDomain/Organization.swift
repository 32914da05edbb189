import Foundation

/// A partner or affiliation: a ministry, a local authority, an embassy, an agency….
public struct Organization: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case ministry, localAuthority = "local_authority", internationalOrganisation = "international_organisation",
            embassy, agency, association, academic, company, media
    }

    public var id: UUID
    public var name: LocalizedText
    public var acronym: String?
    public var kind: Kind
    public var country: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Changes on every update (a trigger): the ETag.
    public var version: Int

    public init(
        id: UUID, name: LocalizedText, acronym: String?, kind: Kind, country: String?, createdAt: Date,
        updatedAt: Date, version: Int
    ) {
        self.id = id
        self.name = name
        self.acronym = acronym
        self.kind = kind
        self.country = country
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

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

/// ISO 3166-1 alpha-2 country codes, upper case ("MA", "FR", "DE").
public enum CountryCode {
    public static func validated(_ value: String?, field: String, into violations: inout [FieldViolation]) -> String? {
        guard let value else { return nil }
        let code = value.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            violations.append(FieldViolation(field: field, message: "must be an ISO 3166-1 alpha-2 code such as MA or FR"))
            return nil
        }
        return code
    }
}
