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
