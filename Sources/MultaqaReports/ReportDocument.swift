import Foundation
import MultaqaDomain

/// What every report is before it is rendered: a cover, then sections of paragraphs
/// and tables whose cells hold text in one language or two (bilingual reports side by side). The
/// renderers (JSON, CSV, Markdown, HTML, then PDF and DOCX from the HTML) know this shape only, so
/// one mechanism renders every report in every format.
public struct ReportDocument: Sendable, Equatable {
    /// A piece of text in the report's languages: one part per language shown.
    public struct Cell: Sendable, Equatable {
        public var parts: [Part]

        public init(parts: [Part]) {
            self.parts = parts
        }

        public init(_ parts: [(language: String, text: String)]) {
            self.parts = parts.map { Part(language: $0.language, text: $0.text) }
        }

        /// The same text whatever the language (numbers, dates, codes).
        public static func plain(_ text: String) -> Cell { Cell([("", text)]) }

        /// Joined for formats without layout (CSV, Markdown): "نص / texte".
        public var joined: String { parts.compactMap(\.plainText).filter { !$0.isEmpty }.joined(separator: " / ") }
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
