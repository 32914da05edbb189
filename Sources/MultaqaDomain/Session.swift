import Foundation

/// One slot of the program: an opening, a talk, a panel, a parallel workshop, a break.
public struct Session: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case opening, plenary, talk, panel, discussion, workshop, `break`, closing
    }

    public var id: UUID
    public var eventID: UUID
    public var kind: Kind
    public var title: LocalizedText
    public var description: LocalizedText
    public var startsAt: Date
    public var endsAt: Date
    public var roomID: UUID?
    public var onlineURL: String?
    public var language: String?
    public var capacity: Int?
    public var track: String?
    public var version: Int
    /// A small stable integer given by the database (schedule.xml wants integer ids).
    public var number: Int

    public init(
        id: UUID = UUID(), eventID: UUID, kind: Kind, title: LocalizedText, description: LocalizedText = .init(),
        startsAt: Date, endsAt: Date, roomID: UUID? = nil, onlineURL: String? = nil, language: String? = nil,
        capacity: Int? = nil, track: String? = nil, version: Int = 1, number: Int = 0
    ) {
        self.number = number
        self.id = id
        self.eventID = eventID
        self.kind = kind
        self.title = title
        self.description = description
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.roomID = roomID
        self.onlineURL = onlineURL
        self.language = language
        self.capacity = capacity
        self.track = track
        self.version = version
    }

    /// Rules of the session alone; the ones that need the event or the room (within the event's
    /// dates, not larger than the room) are checked where those rows are: in the database.
    public func validated() throws(DomainError) -> Session {
        var violations: [FieldViolation] = []
        var session = self
        session.title = title.validated("title", maxLength: 300, required: true, into: &violations)
        session.description = self.description.validated(
            "description", maxLength: 5000, required: false, allowLineBreaks: true, into: &violations)
        if endsAt <= startsAt {
            violations.append(FieldViolation(field: "endsAt", message: "must be after startsAt"))
        }
        session.onlineURL = WebURL.validated(onlineURL, field: "onlineUrl", into: &violations)
        if let language {
            let code = language.trimmingCharacters(in: .whitespaces).lowercased()
            if code.count == 2, code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) {
                session.language = code
            } else {
                violations.append(FieldViolation(field: "language", message: "must be an ISO 639-1 code such as ar, fr, en"))
            }
        }
        if let capacity, capacity < 1 || capacity > 1_000_000 {
            violations.append(FieldViolation(field: "capacity", message: "must be between 1 and 1000000"))
        }
        session.track = TextRules.clean(track, field: "track", maxLength: 100, into: &violations)
        guard violations.isEmpty else { throw .validation(violations) }
        return session
    }
}
