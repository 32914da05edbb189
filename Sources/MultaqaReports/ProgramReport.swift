import Foundation
import MultaqaDomain

/// The program report: the agenda by day with rooms and people.
public enum ProgramReport {
    public static func document(program: Program, languages: [String]) -> ReportDocument {
        let calendar = Program.calendar(program.event.timezone)
        let label = { (key: String) in ReportLanguage.label(key, languages) }
        let rooms = Dictionary(uniqueKeysWithValues: program.rooms.map { ($0.id, $0.name) })
        let sections = program.days.map { day in
            ReportDocument.Section(
                heading: ReportDocument.Cell(languages.map { ($0, "\(ReportLabels.text("day", $0)) \(day.date)") }),
                table: .init(
                    columns: [label("time"), label("session"), label("room"), label("people")],
                    rows: day.slots.map { slot in
                        [
                            .plain(
                                "\u{2066}\(Program.clock(slot.session.startsAt, calendar))–\(Program.clock(slot.session.endsAt, calendar))\u{2069}"
                            ),
                            ReportLanguage.cell(slot.session.title, languages),
                            .plain(slot.session.roomID.flatMap { rooms[$0] } ?? ""),
                            ReportDocument.Cell(
                                languages.map { language in
                                    let names = slot.speakers.compactMap { speaker -> String? in
                                        guard let name = ReportLanguage.value(speaker.person.fullName, language) else {
                                            return ReportLanguage.name(speaker.person.fullName, language, languages)
                                        }
                                        return [ReportLanguage.value(speaker.person.honorific, language), name].compactMap { $0 }
                                            .joined(separator: " ")
                                    }
                                    return (language, ReportLanguage.list(names, language))
                                }),
                        ]
                    }, isPrimary: true))
        }
        return ReportDocument(
            kind: "program", languages: languages,
            title: ReportLanguage.labelled({ "\(ReportLabels.text("program.title", $0)) — " }, program.event.title, languages),
            cover: RecommendationsReport.cover(program, languages), sections: sections)
    }
}
