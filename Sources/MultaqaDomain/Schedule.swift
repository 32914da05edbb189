import Foundation

/// A room of an event, with the capacity workshops are checked against.
public struct Room: Equatable, Sendable {
    public var id: UUID
    public var eventID: UUID
    public var name: String
    public var capacity: Int?
    public var opensAt: Date?
    public var closesAt: Date?
    public var version: Int

    public init(
        id: UUID = UUID(), eventID: UUID, name: String, capacity: Int?, opensAt: Date? = nil, closesAt: Date? = nil,
        version: Int = 1
    ) {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.id = id
        self.eventID = eventID
        self.name = name
        self.capacity = capacity
        self.version = version
    }

    public func validated() throws(DomainError) -> Room {
        var violations: [FieldViolation] = []
        var room = self
        if let name = TextRules.clean(name, field: "name", maxLength: 200, into: &violations) {
            room.name = name
        } else if violations.isEmpty {
            violations.append(FieldViolation(field: "name", message: "is required"))
        }
        if let capacity, capacity < 1 || capacity > 1_000_000 {
            violations.append(FieldViolation(field: "capacity", message: "must be between 1 and 1000000"))
        }
        if let opensAt, let closesAt, closesAt <= opensAt {
            violations.append(FieldViolation(field: "closesAt", message: "must be after opensAt"))
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return room
    }
}

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

/// An organization's role in one event, and where it is listed.
public struct Partner: Equatable, Sendable {
    public enum Role: String, CaseIterable, Sendable {
        case organizer, coOrganizer = "co_organizer", funder, host, technicalPartner = "technical_partner",
            mediaPartner = "media_partner"
    }

    public var eventID: UUID
    public var organizationID: UUID
    public var role: Role
    public var displayOrder: Int

    public init(eventID: UUID, organizationID: UUID, role: Role, displayOrder: Int = 0) {
        self.eventID = eventID
        self.organizationID = organizationID
        self.role = role
        self.displayOrder = displayOrder
    }

    public func validated() throws(DomainError) -> Partner {
        guard Self.displayOrders.contains(displayOrder) else {
            throw .invalid("displayOrder", "must be between 0 and 100000")
        }
        return self
    }

    /// What `display_order` holds; beyond PostgreSQL's integer the statement would fail.
    public static let displayOrders = 0...100_000
}

/// A person's part in a session. Every role is an active one: nobody speaks in one room
/// while coordinating a workshop in another.
public struct Participant: Equatable, Sendable {
    public enum Role: String, CaseIterable, Sendable {
        case speaker, moderator, chair, panelist, coordinator, rapporteur
    }

    public var sessionID: UUID
    public var personID: UUID
    public var role: Role
    public var talkTitle: LocalizedText
    public var displayOrder: Int

    public init(sessionID: UUID, personID: UUID, role: Role, talkTitle: LocalizedText = .init(), displayOrder: Int = 0) {
        self.sessionID = sessionID
        self.personID = personID
        self.role = role
        self.talkTitle = talkTitle
        self.displayOrder = displayOrder
    }

    public func validated() throws(DomainError) -> Participant {
        var violations: [FieldViolation] = []
        var participant = self
        participant.talkTitle = talkTitle.validated("talkTitle", maxLength: 300, required: false, into: &violations)
        if !Partner.displayOrders.contains(displayOrder) {
            violations.append(FieldViolation(field: "displayOrder", message: "must be between 0 and 100000"))
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return participant
    }
}
