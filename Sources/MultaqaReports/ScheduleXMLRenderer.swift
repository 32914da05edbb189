import Foundation
import MultaqaDomain

/// The program in the schedule.xml format (frab/pentabarf, as pretalx exports it) that schedule
/// apps and recording pipelines read. Valid against ../shared/schemas/schedule.xml.xsd.
public enum ScheduleXMLRenderer {
    public static let mediaType = "application/xml; charset=utf-8"

    public static func render(_ program: Program, language: String? = nil) -> String {
        let chooser = TextChooser(preferred: language, eventLanguages: program.event.languages)
        let calendar = Program.calendar(program.event.timezone)
        let event = program.event
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<schedule>\n"
        xml += "  <version>\(program.version)</version>\n"
        xml += "  <conference>\n"
        xml += "    <title>\(escape(chooser.pick(event.title) ?? event.slug))</title>\n"
        xml += "    <acronym>\(escape(event.slug))</acronym>\n"
        xml += "    <start>\(Program.day(event.startsAt, calendar))</start>\n"
        xml += "    <end>\(Program.day(event.endsAt, calendar))</end>\n"
        xml += "    <days>\(program.days.count)</days>\n"
        xml += "    <timeslot_duration>00:15</timeslot_duration>\n"
        xml += "  </conference>\n"
        let fallbackRoom = event.format.isOnline ? (event.online.platform ?? "Online") : (event.venue.name ?? "Plenary")
        for (index, day) in program.days.enumerated() {
            let start = day.slots.map(\.session.startsAt).min() ?? event.startsAt
            let end = day.slots.map(\.session.endsAt).max() ?? event.endsAt
            xml +=
                "  <day index=\"\(index + 1)\" date=\"\(day.date)\" start=\"\(local(start, calendar))\" end=\"\(local(end, calendar))\">\n"
            // Rooms in the order their first session starts; sessions without a room share one.
            var roomNames: [String] = []
            var byRoom: [String: [Program.Slot]] = [:]
            for slot in day.slots {
                let name = slot.room?.name ?? fallbackRoom
                if byRoom[name] == nil { roomNames.append(name) }
                byRoom[name, default: []].append(slot)
            }
            for name in roomNames {
                xml += "    <room name=\"\(escape(name))\">\n"
                for slot in byRoom[name] ?? [] {
                    xml += renderSession(slot, room: name, program: program, chooser: chooser, calendar: calendar)
                }
                xml += "    </room>\n"
            }
            xml += "  </day>\n"
        }
        xml += "</schedule>\n"
        return xml
    }

    private static func renderSession(
        _ slot: Program.Slot, room: String, program: Program, chooser: TextChooser, calendar: Calendar
    ) -> String {
        let session = slot.session
        let minutes = Int(session.endsAt.timeIntervalSince(session.startsAt) / 60)
        let title = chooser.pick(session.title) ?? session.kind.rawValue
        let description = chooser.pick(session.description) ?? ""
        var xml = "      <event id=\"\(max(session.number, 1))\" guid=\"\(session.id.idText)\">\n"
        xml += "        <room>\(escape(room))</room>\n"
        xml += "        <title>\(escape(title))</title>\n"
        xml += "        <subtitle></subtitle>\n"
        xml += "        <type>\(session.kind.rawValue)</type>\n"
        xml += "        <date>\(local(session.startsAt, calendar))</date>\n"
        xml += "        <start>\(Program.clock(session.startsAt, calendar))</start>\n"
        xml += "        <duration>\(String(format: "%02d:%02d", minutes / 60, minutes % 60))</duration>\n"
        xml += "        <abstract>\(escape(description))</abstract>\n"
        xml += "        <slug>\(escape(program.event.slug))-\(session.number)</slug>\n"
        xml += "        <track>\(escape(session.track ?? session.kind.rawValue))</track>\n"
        if let language = session.language ?? program.event.languages.first {
            xml += "        <language>\(language)</language>\n"
        }
        xml += "        <persons>\n"
        for speaker in slot.speakers {
            xml += "          <person>\(escape(chooser.name(speaker.person)))</person>\n"
        }
        xml += "        </persons>\n"
        xml += "        <links>\n"
        if let url = session.onlineURL {
            xml += "          <link href=\"\(escape(url))\">\(escape(title))</link>\n"
        }
        // The session's recordings, streams and documents: the format has no other
        // place for them.
        for link in program.links(session: session.id) {
            xml +=
                "          <link href=\"\(escape(link.url))\">\(escape(chooser.pick(link.title) ?? link.kind.rawValue))</link>\n"
        }
        for document in program.documents(session: session.id) {
            let href = "/v1/documents/\(document.id.idText)/content"
            xml += "          <link href=\"\(href)\">\(escape(chooser.pick(document.title) ?? document.kind.rawValue))</link>\n"
        }
        xml += "        </links>\n"
        xml += "      </event>\n"
        return xml
    }

    /// An xs:dateTime with the event's offset, e.g. 2022-03-25T10:00:00+01:00.
    static func local(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = calendar.timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
            + sign + String(format: "%02d:%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids (controls) are dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
