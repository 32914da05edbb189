import Foundation
import MultaqaDomain

/// The recommendations report: a cover (title, dates, format and venue or platform,
/// organisers and partners), a summary by status, the recommendations grouped by workshop then
/// axis, and an annex of the workshops' coordinators and rapporteurs.
public enum RecommendationsReport {
    public static func document(
        program: Program, recommendations: [Recommendation], organizations: [UUID: LocalizedText], languages: [String]
    ) -> ReportDocument {
        let event = program.event
        let label = { (key: String) in ReportLanguage.label(key, languages) }
        var sections: [ReportDocument.Section] = []

        // Summary by status, in the lifecycle's order.
        var summaryRows: [[ReportDocument.Cell]] = []
        for status in Recommendation.Status.allCases {
            let count = recommendations.filter { $0.status == status }.count
            if count > 0 { summaryRows.append([label(status.rawValue), .plain(String(count))]) }
        }
        summaryRows.append([label("total"), .plain(String(recommendations.count))])
        let adopted = recommendations.filter { [.adopted, .inProgress, .implemented].contains($0.status) }.count
        let implemented = recommendations.filter { $0.status == .implemented }.count
        let share = adopted == 0 ? 0 : Int((Double(implemented) / Double(adopted) * 100).rounded())
        sections.append(
            .init(
                heading: label("summary"),
                paragraphs: [
                    ReportDocument.Cell(languages.map { ($0, "\(ReportLabels.text("implemented-share", $0)): \(share) %") })
                ],
                table: .init(columns: [label("status"), label("count")], rows: summaryRows)))

        // By workshop (in program order, the plenary last), then by axis.
        let slots = program.days.flatMap(\.slots)
        let order = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1.session.id, $0) })
        let groups = Dictionary(grouping: recommendations) { $0.sessionID }
        let sessionIDs = groups.keys.sorted {
            (order[$0 ?? UUID()] ?? Int.max, $0?.uuidString ?? "~") < (order[$1 ?? UUID()] ?? Int.max, $1?.uuidString ?? "~")
        }
        let titles = Dictionary(uniqueKeysWithValues: slots.map { ($0.session.id, $0.session.title) })
        let columns = [
            label("number"), label("recommendation"), label("actors"), label("owner"), label("status"), label("progress"),
            label("due"),
        ]
        for sessionID in sessionIDs {
            let heading = sessionID.flatMap { titles[$0] }.map { ReportLanguage.cell($0, languages) } ?? label("plenary")
            sections.append(.init(heading: heading, level: 2))
            let byAxis = Dictionary(grouping: groups[sessionID] ?? []) { $0.axis ?? "" }
            for axis in byAxis.keys.sorted() {
                let items = (byAxis[axis] ?? []).sorted { $0.number < $1.number }
                let rows = items.map { recommendation -> [ReportDocument.Cell] in
                    let actors = ReportDocument.Cell(
                        languages.map { language in
                            let names = recommendation.actorIDs.compactMap { id in
                                organizations[id].flatMap { ReportLanguage.name($0, language, languages) }
                            }
                            let kinds = recommendation.actorKinds.map { ReportLabels.text("actor.\($0.rawValue)", language) }
                            return (language, ReportLanguage.list(names + kinds, language))
                        })
                    return [
                        .plain(recommendation.label), ReportLanguage.cell(recommendation.text, languages), actors,
                        recommendation.ownerID.flatMap { organizations[$0] }.map { ReportLanguage.cell($0, languages) }
                            ?? .plain(""),
                        label(recommendation.status.rawValue), .plain("\(recommendation.progress) %"),
                        .plain(recommendation.dueDate ?? ""),
                    ]
                }
                // An axis is free text in one language: shown once, in that language's column.
                let axisHeading =
                    axis.isEmpty
                    ? label("no-axis")
                    : ReportLanguage.labelled(
                        { "\(ReportLabels.text("axis", $0)): " }, ReportLanguage.guess(axis, languages), languages)
                sections.append(
                    .init(heading: axisHeading, level: 3, table: .init(columns: columns, rows: rows, isPrimary: true)))
            }
        }

        // The meeting's documents and the recording of its closing session, so that the
        // report cites what was published alongside it.
        let documents = program.documents(session: nil) + slots.flatMap { program.documents(session: $0.session.id) }
        let closing = slots.last { $0.session.kind == .closing }
        let recording =
            closing.flatMap { slot in program.links(session: slot.session.id).first { $0.kind == .recording } }
            ?? program.links(session: nil).first { $0.kind == .recording }
        if !documents.isEmpty || recording != nil {
            var paragraphs: [ReportDocument.Cell] = []
            if let recording {
                // The URL is isolated left to right so that it reads in order inside Arabic text.
                paragraphs.append(
                    ReportDocument.Cell(
                        languages.map {
                            (
                                $0,
                                "\(ReportLabels.text(closing == nil ? "recording" : "recording-closing", $0)): \u{2066}\(recording.url)\u{2069}"
                            )
                        }))
            }
            let rows = documents.map { document -> [ReportDocument.Cell] in
                [
                    ReportLanguage.cell(document.title, languages), label("document.\(document.kind.rawValue)"),
                    .plain("\u{2066}\(document.fileName ?? "")\u{2069}"),
                    .plain(
                        document.content == nil
                            ? "" : "\u{2066}/v1/documents/\(document.id.idText)/content\u{2069}"),
                ]
            }
            sections.append(
                .init(
                    heading: label("documents"), paragraphs: paragraphs,
                    table: rows.isEmpty
                        ? nil : .init(columns: [label("title"), label("kind"), label("file"), label("address")], rows: rows)))
        }

        // Annex: who coordinated and reported each workshop.
        var annex: [[ReportDocument.Cell]] = []
        for slot in slots where slot.session.kind == .workshop {
            for speaker in slot.speakers where speaker.participant.role == .coordinator || speaker.participant.role == .rapporteur
            {
                annex.append([
                    ReportLanguage.cell(slot.session.title, languages), label(speaker.participant.role.rawValue),
                    ReportLanguage.cell(speaker.person.fullName, languages),
                ])
            }
        }
        if !annex.isEmpty {
            sections.append(
                .init(
                    heading: label("annex"),
                    table: .init(columns: [label("workshop"), label("role"), label("person")], rows: annex)))
        }
        return ReportDocument(
            kind: "recommendations", languages: languages,
            title: ReportLanguage.labelled({ "\(ReportLabels.text("recommendations.title", $0)) — " }, event.title, languages),
            cover: cover(program, languages), sections: sections)
    }

    /// Dates, format and venue or platform, organisers and partners.
    static func cover(_ program: Program, _ languages: [String]) -> [ReportDocument.Cell] {
        let event = program.event
        let calendar = Program.calendar(event.timezone)
        let first = Program.day(event.startsAt, calendar)
        let last = Program.day(event.endsAt.addingTimeInterval(-1), calendar)
        // Left-to-right isolates keep a date range in reading order inside Arabic text (without
        // them the bidirectional algorithm shows the second date first).
        let dates = "\u{2066}" + (first == last ? first : "\(first) – \(last)") + " (\(event.timezone))\u{2069}"
        var place: [String] = []
        if let venue = event.venue.name {
            // A venue named after its city ("Agadir", "Agadir") is named once.
            let city = event.venue.city.flatMap { $0 == venue ? nil : $0 }
            place.append([venue, city].compactMap { $0 }.joined(separator: ", "))
        }
        if let platform = event.online.platform { place.append(platform) }
        var lines = [
            ReportDocument.Cell(languages.map { ($0, "\(ReportLabels.text("dates", $0)): \(dates)") }),
            ReportDocument.Cell(
                languages.map { language in
                    let format = "\(ReportLabels.text("format", language)): \(ReportLabels.text(event.format.rawValue, language))"
                    return (language, place.isEmpty ? format : "\(format) — \(place.joined(separator: " · "))")
                }),
        ]
        if !program.partners.isEmpty {
            // Each column lists the names written in its language, so that no line mixes the two.
            lines.append(
                ReportDocument.Cell(
                    languages.map { language in
                        let names = program.partners.compactMap { ReportLanguage.name($0.organization.name, language, languages) }
                        return (language, "\(ReportLabels.text("organizers", language)): \(ReportLanguage.list(names, language))")
                    }))
        }
        return lines
    }
}
