import Foundation
import MultaqaDomain

/// The program as an RFC 5545 calendar: one VEVENT per session with a stable UID, times
/// in UTC, text escaped and lines folded at 75 octets without splitting a character, so that
/// calendar clients import Arabic titles intact.
public enum ICalendarRenderer {
    public static let mediaType = "text/calendar; charset=utf-8"

    public static func render(_ program: Program, language: String? = nil, generatedAt: Date = Date()) -> String {
        let chooser = TextChooser(preferred: language, eventLanguages: program.event.languages)
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Multaqa//Program//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(chooser.pick(program.event.title) ?? program.event.slug),
            "X-WR-TIMEZONE:" + program.event.timezone,
        ]
        let stamp = utc(program.event.updatedAt)
        let venue = [program.event.venue.name, program.event.venue.city].compactMap { $0 }.joined(separator: ", ")
        for day in program.days {
            for slot in day.slots {
                let session = slot.session
                var description: [String] = []
                if let text = chooser.pick(session.description) { description.append(text) }
                for speaker in slot.speakers {
                    var line = "\(speaker.participant.role.rawValue): \(chooser.name(speaker.person))"
                    if let position = chooser.pick(speaker.person.position) { line += " (\(position))" }
                    if let talk = chooser.pick(speaker.participant.talkTitle) { line += " — \(talk)" }
                    description.append(line)
                }
                let location = [slot.room?.name, venue.isEmpty ? nil : venue].compactMap { $0 }.joined(separator: ", ")
                lines.append("BEGIN:VEVENT")
                lines.append("UID:\(session.id.idText)@multaqa")
                lines.append("DTSTAMP:\(stamp)")
                lines.append("DTSTART:\(utc(session.startsAt))")
                lines.append("DTEND:\(utc(session.endsAt))")
                lines.append("SUMMARY:" + escape(chooser.pick(session.title) ?? session.kind.rawValue))
                if !description.isEmpty { lines.append("DESCRIPTION:" + escape(description.joined(separator: "\n"))) }
                if !location.isEmpty { lines.append("LOCATION:" + escape(location)) }
                // The session's main link: its live stream while it runs, its recording after.
                if let url = program.mainLink(session: session.id)?.url ?? session.onlineURL ?? program.event.online.streamURL {
                    lines.append("URL:" + url)
                }
                if let language = session.language { lines.append("X-MULTAQA-LANGUAGE:" + language) }
                lines.append("CATEGORIES:" + escape(session.kind.rawValue))
                lines.append("END:VEVENT")
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n": escaped += "\\n"
            case "\r": continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// RFC 5545 §3.1: lines longer than 75 octets continue on the next line after CRLF and a
    /// space, never inside a UTF-8 sequence (Arabic letters are two octets each).
    static func fold(_ line: String) -> String {
        // Most lines are short: only a long one is walked character by character.
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var octets = 0
        var limit = 75
        for character in line {
            let size = character.utf8.count
            if octets + size > limit {
                result += "\r\n "
                octets = 0
                limit = 74  // the leading space counts
            }
            result.append(character)
            octets += size
        }
        return result
    }

    /// `20260514T093000Z`.
    static func utc(_ date: Date) -> String {
        let time = CivilTime(date)
        var bytes = [UInt8]()
        bytes.reserveCapacity(16)
        CivilTime.append(time.year, width: 4, to: &bytes)
        CivilTime.append(Int64(time.month), width: 2, to: &bytes)
        CivilTime.append(Int64(time.day), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        CivilTime.append(Int64(time.hour), width: 2, to: &bytes)
        CivilTime.append(Int64(time.minute), width: 2, to: &bytes)
        CivilTime.append(Int64(time.second), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
