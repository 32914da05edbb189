import Foundation
import MultaqaDomain

/// One attendee's calendar (RFC 5545): the event itself over its days, and each workshop they
/// chose at its time, with the same UIDs as the programme's calendar so that importing both does
/// not show a workshop twice.
public enum AttendeeCalendarRenderer {
    public struct Workshop: Sendable {
        public var session: Session
        public var room: String?

        public init(session: Session, room: String?) {
            self.session = session
            self.room = room
        }
    }

    /// `link`: the private join link, given only to a confirmed online attendee.
    public static func render(
        event: Event, workshops: [Workshop], language: Language, link: String?, generatedAt: Date
    ) -> String {
        let title = language.pick(event.title, eventLanguages: event.languages) ?? event.slug
        let venue = [event.venue.name, event.venue.address, event.venue.city].compactMap { $0 }.joined(separator: ", ")
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Multaqa//Registration//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:event-\(event.id.idText)@multaqa",
            "DTSTAMP:\(ICalendarRenderer.utc(generatedAt))",
            "DTSTART:\(ICalendarRenderer.utc(event.startsAt))",
            "DTEND:\(ICalendarRenderer.utc(event.endsAt))",
            "SUMMARY:" + ICalendarRenderer.escape(title),
        ]
        if event.format.hasVenue, !venue.isEmpty { lines.append("LOCATION:" + ICalendarRenderer.escape(venue)) }
        if let link { lines.append("URL:" + link) }
        lines.append("END:VEVENT")
        for workshop in workshops {
            let session = workshop.session
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(session.id.idText)@multaqa")
            lines.append("DTSTAMP:\(ICalendarRenderer.utc(generatedAt))")
            lines.append("DTSTART:\(ICalendarRenderer.utc(session.startsAt))")
            lines.append("DTEND:\(ICalendarRenderer.utc(session.endsAt))")
            let name = language.pick(session.title, eventLanguages: event.languages) ?? session.kind.rawValue
            lines.append("SUMMARY:" + ICalendarRenderer.escape(name))
            let place = [workshop.room, venue.isEmpty ? nil : venue].compactMap { $0 }.joined(separator: ", ")
            if !place.isEmpty { lines.append("LOCATION:" + ICalendarRenderer.escape(place)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarRenderer.fold).joined(separator: "\r\n") + "\r\n"
    }
}
