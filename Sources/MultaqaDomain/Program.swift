import Foundation

/// An event's program as attendees read it: partners, and sessions by day in the event's time
/// zone with their rooms and people. Built from rows, rendered as JSON, ICS and
/// schedule.xml; no I/O here.
public struct Program: Sendable {
    public struct PartnerEntry: Sendable {
        public var partner: Partner
        public var organization: Organization

        public init(partner: Partner, organization: Organization) {
            self.partner = partner
            self.organization = organization
        }
    }

    public struct Speaker: Sendable {
        public var participant: Participant
        public var person: Person
        public var organization: Organization?

        public init(participant: Participant, person: Person, organization: Organization?) {
            self.participant = participant
            self.person = person
            self.organization = organization
        }
    }

    public struct Slot: Sendable {
        public var session: Session
        public var room: Room?
        public var speakers: [Speaker]

        public init(session: Session, room: Room?, speakers: [Speaker]) {
            self.session = session
            self.room = room
            self.speakers = speakers
        }
    }

    public struct Day: Sendable {
        /// `yyyy-MM-dd` in the event's time zone.
        public var date: String
        public var slots: [Slot]
    }

    public var event: Event
    public var partners: [PartnerEntry]
    public var days: [Day]
    public var rooms: [Room]
    /// Changes with every edit that shows in the program (kept by the database).
    public var version: Int
    /// The public documents of the event and its sessions.
    public var documents: [Document] = []
    /// The media links the public sees now: a live stream while its session runs, a recording after.
    public var links: [MediaLink] = []
    /// How many link windows had opened or closed when the program was read: time alone changes
    /// what the program shows, so this is part of its ETag.
    public var mediaPhase = 0

    /// The documents attached to `session`, or to the event itself (nil).
    public func documents(session: UUID?) -> [Document] {
        documents.filter { $0.sessionID == session && (session != nil || $0.recommendationID == nil) }
    }

    public func links(session: UUID?) -> [MediaLink] {
        links.filter { $0.sessionID == session }
    }

    /// The link a calendar entry carries for a session: its live stream while it runs, its
    /// recording after, else any other.
    public func mainLink(session: UUID) -> MediaLink? {
        let own = links(session: session)
        return own.first { $0.kind == .liveStream } ?? own.first { $0.kind == .recording } ?? own.first
    }

    public init(event: Event, partners: [PartnerEntry], slots: [Slot], rooms: [Room], version: Int) {
        self.event = event
        self.partners = partners.sorted {
            ($0.partner.displayOrder, $0.organization.id.uuidString) < ($1.partner.displayOrder, $1.organization.id.uuidString)
        }
        self.rooms = rooms
        self.version = version
        let calendar = Self.calendar(event.timezone)
        let ordered = slots.sorted {
            ($0.session.startsAt, $0.session.endsAt, $0.session.id.uuidString) < (
                $1.session.startsAt, $1.session.endsAt, $1.session.id.uuidString
            )
        }
        var days: [Day] = []
        for var slot in ordered {
            slot.speakers.sort {
                ($0.participant.displayOrder, $0.person.id.uuidString) < ($1.participant.displayOrder, $1.person.id.uuidString)
            }
            let date = Self.day(slot.session.startsAt, calendar)
            if days.last?.date == date {
                days[days.count - 1].slots.append(slot)
            } else {
                days.append(Day(date: date, slots: [slot]))
            }
        }
        self.days = days
    }

    public static func calendar(_ timezone: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timezone) ?? .gmt
        return calendar
    }

    public static func day(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `HH:MM` in the event's time zone.
    public static func clock(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
