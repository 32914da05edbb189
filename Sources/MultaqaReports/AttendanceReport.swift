import Foundation
import MultaqaDomain

/// The attendance report: counts by status,
/// mode, category, collectivity type and region, checked in per day, and the participants.
public enum AttendanceReport {
    public struct Counts: Sendable {
        public var byStatus: [String: Int]
        public var byMode: [String: Int]
        public var byCategory: [String: Int]
        public var byCollectivityKind: [String: Int]
        public var byRegion: [String: Int]
        public var checkedInByDay: [String: Int]

        public init(
            byStatus: [String: Int], byMode: [String: Int], byCategory: [String: Int], byCollectivityKind: [String: Int],
            byRegion: [String: Int], checkedInByDay: [String: Int]
        ) {
            self.byStatus = byStatus
            self.byMode = byMode
            self.byCategory = byCategory
            self.byCollectivityKind = byCollectivityKind
            self.byRegion = byRegion
            self.checkedInByDay = checkedInByDay
        }
    }

    public static func document(
        program: Program, counts: Counts, participants: [Registration], collectivities: [String: LocalizedText],
        languages: [String]
    ) -> ReportDocument {
        let label = { (key: String) in ReportLanguage.label(key, languages) }
        func table(_ key: String, _ values: [String: Int], name: (String) -> ReportDocument.Cell) -> ReportDocument.Section {
            ReportDocument.Section(
                heading: label(key),
                table: .init(
                    columns: [label(key == "by-day" ? "day" : key == "by-region" ? "by-region" : "category"), label("count")],
                    rows: values.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
                        [name($0.key), .plain(String($0.value))]
                    }))
        }
        let region = { (code: String) -> ReportDocument.Cell in
            collectivities[code].map { ReportLanguage.cell($0, languages) } ?? .plain(code)
        }
        var sections = [
            table("by-status", counts.byStatus) { label($0) },
            table("by-mode", counts.byMode) { label($0) },
            table("by-category", counts.byCategory) { .plain($0.replacingOccurrences(of: "_", with: " ")) },
            table("by-kind", counts.byCollectivityKind) { .plain($0) },
            table("by-region", counts.byRegion, name: region),
            table("by-day", counts.checkedInByDay) { .plain($0) },
        ]
        let active = participants.filter { $0.status.isActive && $0.erasedAt == nil }
        sections.append(
            .init(
                heading: label("participants"),
                table: .init(
                    columns: [label("name"), label("category"), label("mode"), label("affiliation"), label("status")],
                    rows: active.map { registration in
                        var affiliation = ReportDocument.Cell.plain("")
                        switch registration.affiliation {
                        case .collectivity(let code): affiliation = region(code)
                        case .text(let text): affiliation = .plain(text)
                        case .organization, nil: break
                        }
                        return [
                            .plain(registration.fullName ?? ""),
                            .plain(registration.category.rawValue.replacingOccurrences(of: "_", with: " ")),
                            label(registration.mode.rawValue), affiliation, label(registration.status.rawValue),
                        ]
                    }, isPrimary: true)))
        return ReportDocument(
            kind: "attendance", languages: languages,
            title: ReportLanguage.labelled({ "\(ReportLabels.text("attendance.title", $0)) — " }, program.event.title, languages),
            cover: RecommendationsReport.cover(program, languages), sections: sections)
    }
}
