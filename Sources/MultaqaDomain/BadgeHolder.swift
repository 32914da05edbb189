import Foundation

/// What a badge shows of one registration: the name as written, the category, the affiliation
/// and the check-in code its QR code holds.
public struct BadgeHolder: Sendable, Equatable {
    public enum Affiliation: Sendable, Equatable {
        /// A collectivity or organisation of the directory, named in each language it has.
        case named(LocalizedText)
        /// What the attendee wrote.
        case text(String)

        /// As the badge's reader reads it.
        public func name(in language: Language) -> String? {
            switch self {
            case .named(let names): language.pick(names)
            case .text(let text): text
            }
        }
    }

    public var registrationID: UUID
    public var name: String
    public var category: AttendeeCategory
    public var affiliation: Affiliation?
    public var checkInCode: String

    public init(
        registrationID: UUID, name: String, category: AttendeeCategory, affiliation: Affiliation?, checkInCode: String
    ) {
        self.registrationID = registrationID
        self.name = name
        self.category = category
        self.affiliation = affiliation
        self.checkInCode = checkInCode
    }
}
