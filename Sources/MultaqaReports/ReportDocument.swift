import Foundation
import MultaqaDomain

/// What every report is before it is rendered (issue 6): a cover, then sections of paragraphs
/// and tables whose cells hold text in one language or two (bilingual reports side by side). The
/// renderers (JSON, CSV, Markdown, HTML, then PDF and DOCX from the HTML) know this shape only, so
/// one mechanism renders every report in every format.
public struct ReportDocument: Sendable, Equatable {
    /// A piece of text in the report's languages: one entry per language shown.
    public struct Cell: Sendable, Equatable {
        public var parts: [(language: String, text: String)]

        public init(_ parts: [(language: String, text: String)]) {
            self.parts = parts
        }

        public static func == (lhs: Cell, rhs: Cell) -> Bool {
            lhs.parts.map(\.language) == rhs.parts.map(\.language) && lhs.parts.map(\.text) == rhs.parts.map(\.text)
        }

        /// The same text whatever the language (numbers, dates, codes).
        public static func plain(_ text: String) -> Cell { Cell([("", text)]) }

        /// Joined for formats without layout (CSV, Markdown): "نص / texte".
        public var joined: String { parts.map(\.text).filter { !$0.isEmpty }.joined(separator: " / ") }
    }

    public struct Table: Sendable, Equatable {
        public var columns: [Cell]
        public var rows: [[Cell]]
        /// The report's main list (the recommendations, the sessions, the participants): what
        /// the CSV export holds, one line per row, with its section.
        public var isPrimary: Bool

        public init(columns: [Cell], rows: [[Cell]], isPrimary: Bool = false) {
            self.columns = columns
            self.rows = rows
            self.isPrimary = isPrimary
        }
    }

    public struct Section: Sendable, Equatable {
        public var heading: Cell
        public var level: Int
        public var paragraphs: [Cell]
        public var table: Table?

        public init(heading: Cell, level: Int = 2, paragraphs: [Cell] = [], table: Table? = nil) {
            self.heading = heading
            self.level = level
            self.paragraphs = paragraphs
            self.table = table
        }
    }

    /// The report's name in file names and JSON ("recommendations", "program", "attendance").
    public var kind: String
    public var languages: [String]
    public var title: Cell
    public var cover: [Cell]
    public var sections: [Section]

    public init(kind: String, languages: [String], title: Cell, cover: [Cell], sections: [Section]) {
        self.kind = kind
        self.languages = languages
        self.title = title
        self.cover = cover
        self.sections = sections
    }

    /// The first language decides the page's direction: Arabic reads right to left.
    public var direction: String { ReportLanguage.direction(languages.first ?? "fr") }
}

/// The languages a report is asked for: `ar`, `fr`, `en`, or two joined by `+` (`ar+fr`).
public enum ReportLanguage {
    public static let supported = ["ar", "fr", "en"]

    public static func parse(_ text: String?) throws(DomainError) -> [String] {
        let value = (text ?? "fr").lowercased()
        // "ar+fr" arrives as "ar fr" when the + of a query string is read as a space.
        let parts = value.split(whereSeparator: { $0 == "+" || $0 == " " || $0 == "," }).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy(supported.contains), Set(parts).count == parts.count else {
            throw .invalid("lang", "must be ar, fr, en or two of them joined by +, such as ar+fr")
        }
        return parts
    }

    public static func direction(_ language: String) -> String { language == "ar" ? "rtl" : "ltr" }

    /// The text of `localized` in each language asked for, falling back to another language
    /// (marked) when a text exists in none of them: a report never shows an empty cell for a
    /// recommendation written in French only.
    public static func cell(_ localized: LocalizedText, _ languages: [String]) -> ReportDocument.Cell {
        var parts: [(String, String)] = []
        for language in languages {
            if let text = value(localized, language) { parts.append((language, text)) }
        }
        if parts.isEmpty {
            for language in supported where !languages.contains(language) {
                if let text = value(localized, language) {
                    parts.append((language, text))
                    break
                }
            }
        }
        return ReportDocument.Cell(parts)
    }

    /// A label of the report itself, in each language asked for.
    public static func label(_ key: String, _ languages: [String]) -> ReportDocument.Cell {
        ReportDocument.Cell(languages.map { ($0, ReportLabels.text(key, $0)) })
    }

    static func value(_ localized: LocalizedText, _ language: String) -> String? {
        switch language {
        case "ar": localized.ar
        case "fr": localized.fr
        default: localized.en
        }
    }
}
