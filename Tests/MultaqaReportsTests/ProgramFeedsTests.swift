import Foundation
import MultaqaDomain
import MultaqaTestSupport
import Testing

@testable import MultaqaReports

@Suite("Program feeds: ICS and schedule.xml")
struct ProgramFeedsTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// Seed 004's two days in Agadir: three parallel workshops on day one, the closing on day two.
    static func agadir() -> Program {
        let event = Event(
            slug: "agadir-2022", kind: .meeting, format: .inPerson,
            title: LocalizedText(
                ar: "لقاء حول برنامج تحسين أداء الجماعات", fr: "Programme d'amélioration de la performance des communes"),
            timezone: "Africa/Casablanca", startsAt: date("2022-03-25T08:00:00Z"), endsAt: date("2022-03-26T18:00:00Z"),
            venue: .init(name: "Hôtel & Centre", city: "Agadir"), languages: ["ar", "fr"], status: .published)
        var slots: [Program.Slot] = []
        var rooms: [Room] = []
        for index in 1...3 {
            let room = Room(eventID: event.id, name: "Salle \(index)", capacity: 40)
            rooms.append(room)
            let session = Session(
                eventID: event.id, kind: .workshop,
                title: LocalizedText(ar: "ورشة \(index): تقييم الأداء، التعاون; والقدرات", fr: "Atelier \(index)"),
                description: LocalizedText(ar: String(repeating: "توصيات الورشة ", count: 12)),
                startsAt: date("2022-03-25T14:00:00Z"), endsAt: date("2022-03-25T17:00:00Z"), roomID: room.id,
                capacity: 35, number: index)
            let coordinator = Person(honorific: .init(ar: "السيد"), fullName: .init(ar: "منسق وهمي \(index)"))
            slots.append(
                .init(
                    session: session, room: room,
                    speakers: [
                        .init(
                            participant: .init(sessionID: session.id, personID: coordinator.id, role: .coordinator),
                            person: coordinator, organization: nil)
                    ]))
        }
        let closing = Session(
            eventID: event.id, kind: .closing, title: .init(fr: "Clôture <& lecture des recommandations>"),
            startsAt: date("2022-03-26T10:00:00Z"), endsAt: date("2022-03-26T12:00:00Z"),
            onlineURL: "https://example.org/recording?day=2&lang=ar", number: 4)
        slots.append(.init(session: closing, room: nil, speakers: []))
        return Program(event: event, partners: [], slots: slots, rooms: rooms, version: 7)
    }

    @Test("ICS: one VEVENT per session, UTC times, stable UIDs, escaped text, folded lines, Arabic intact")
    func calendar() throws {
        let program = Self.agadir()
        let text = ICalendarRenderer.render(program, language: "ar")
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        // Every physical line is at most 75 octets and no line ends without CR.
        let physical = text.components(separatedBy: "\r\n")
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))

        let events = ICS.parse(text)
        #expect(events.count == 4)
        // Parallel workshops start together; take workshop 1 wherever the tie-break put it.
        let first = try #require(events.first { $0["SUMMARY"]?.hasPrefix("ورشة 1") == true })
        let workshop = try #require(program.days[0].slots.first { $0.session.number == 1 })
        #expect(first["DTSTART"] == "20220325T140000Z")
        #expect(first["DTEND"] == "20220325T170000Z")
        // The Arabic comma is text; the ASCII semicolon is escaped.
        #expect(first["SUMMARY"] == #"ورشة 1: تقييم الأداء، التعاون\; والقدرات"#)
        #expect(first["UID"] == "\(workshop.session.id.uuidString.lowercased())@multaqa")
        #expect(first["DESCRIPTION"]?.contains("توصيات الورشة توصيات الورشة") == true, "folded Arabic unfolds intact")
        #expect(first["LOCATION"] == #"Salle 1\, Hôtel & Centre\, Agadir"#)
        #expect(events.last?["URL"] == "https://example.org/recording?day=2&lang=ar")
        // The same program renders the same UIDs: calendar clients update instead of duplicating.
        #expect(ICS.parse(ICalendarRenderer.render(program)).map { $0["UID"] } == events.map { $0["UID"] })
    }

    @Test("schedule.xml validates against the format's XSD, by day and room")
    func scheduleXML() throws {
        let xml = ScheduleXMLRenderer.render(Self.agadir(), language: "ar")
        #expect(xml.contains(#"<day index="1" date="2022-03-25""#))
        #expect(xml.contains(#"<room name="Salle 2">"#))
        #expect(xml.contains("<title>ورشة 1: تقييم الأداء، التعاون; والقدرات</title>"))
        #expect(xml.contains("Clôture &lt;&amp; lecture des recommandations&gt;"))
        #expect(xml.contains(#"<date>2022-03-25T15:00:00+01:00</date>"#))
        #expect(xml.contains("<start>15:00</start>"))
        #expect(xml.contains("<duration>03:00</duration>"))
        try ScheduleXSD.validate(xml)
    }
}

/// A minimal RFC 5545 reader for the tests: unfolds lines and collects each VEVENT's properties.
enum ICS {
    static func parse(_ text: String) -> [[String: String]] {
        var unfolded: [String] = []
        for line in text.components(separatedBy: "\r\n") {
            if line.hasPrefix(" "), !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += line.dropFirst()
            } else if !line.isEmpty {
                unfolded.append(line)
            }
        }
        var events: [[String: String]] = []
        var current: [String: String]?
        for line in unfolded {
            if line == "BEGIN:VEVENT" {
                current = [:]
            } else if line == "END:VEVENT", let event = current {
                events.append(event)
                current = nil
            } else if current != nil, let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].split(separator: ";").first.map(String.init) ?? ""
                current?[name] = String(line[line.index(after: colon)...])
            }
        }
        return events
    }
}
