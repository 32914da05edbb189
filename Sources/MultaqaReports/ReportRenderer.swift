import Foundation
import MultaqaDomain
import Mustache

/// Renders a `ReportDocument` in every format: JSON, CSV, Markdown and HTML here; PDF and
/// DOCX are made from the HTML by `ReportConverter`.
public enum ReportRenderer {
    public static func render(_ document: ReportDocument, as format: ReportFormat) async throws -> Data {
        switch format {
        case .json: return json(document)
        case .csv: return Data(csv(document).utf8)
        case .md: return Data(markdown(document).utf8)
        case .html: return Data(html(document).utf8)
        case .pdf: return try await ReportConverter.pdf(fromHTML: html(document))
        case .docx: return try await ReportConverter.docx(fromHTML: html(document))
        }
    }

    // MARK: JSON

    public static func json(_ document: ReportDocument) -> Data {
        func cell(_ cell: ReportDocument.Cell) -> Any {
            if cell.parts.count == 1, cell.parts[0].language.isEmpty { return cell.parts[0].text }
            var object: [String: String] = [:]
            // A language without a text of its own is left out rather than filled with a mark.
            for part in cell.parts {
                if let text = part.plainText { object[part.language.isEmpty ? "text" : part.language] = text }
            }
            return object
        }
        let object: [String: Any] = [
            "report": document.kind, "languages": document.languages, "title": cell(document.title),
            "cover": document.cover.map(cell),
            "sections": document.sections.map { section -> [String: Any] in
                var value: [String: Any] = ["heading": cell(section.heading), "level": section.level]
                if !section.paragraphs.isEmpty { value["paragraphs"] = section.paragraphs.map(cell) }
                if let table = section.table {
                    value["table"] = ["columns": table.columns.map(cell), "rows": table.rows.map { $0.map(cell) }]
                }
                return value
            },
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    // MARK: CSV

    /// The main list, one line per row with its section first.
    public static func csv(_ document: ReportDocument) -> String {
        let primary = document.sections.filter { $0.table?.isPrimary == true }
        guard let first = primary.first?.table else { return CSV.document(header: [], rows: []) }
        let section = ReportLanguage.label("session", document.languages).joined
        return CSV.document(
            header: [section] + first.columns.map(\.joined),
            rows: primary.flatMap { section in
                (section.table?.rows ?? []).map { [section.heading.joined] + $0.map(\.joined) }
            })
    }

    // MARK: Markdown

    public static func markdown(_ document: ReportDocument) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
        }
        var text = "# \(document.title.joined)\n\n"
        for line in document.cover { text += "\(line.joined)\n\n" }
        for section in document.sections {
            text += String(repeating: "#", count: section.level) + " \(section.heading.joined)\n\n"
            for paragraph in section.paragraphs { text += "\(paragraph.joined)\n\n" }
            if let table = section.table {
                text += "| " + table.columns.map { escape($0.joined) }.joined(separator: " | ") + " |\n"
                text += "|" + String(repeating: " --- |", count: table.columns.count) + "\n"
                for row in table.rows {
                    text += "| " + row.map { escape($0.joined) }.joined(separator: " | ") + " |\n"
                }
                text += "\n"
            }
        }
        return text
    }

    // MARK: HTML

    static let template: MustacheTemplate = {
        let text = String(decoding: PackageResources.report_html_mustache, as: UTF8.self)
        // The template ships inside the binary and is tested; failing to parse it is a build defect.
        return try! MustacheTemplate(string: text)
    }()

    /// Self-contained and printable: styles inline, no external resource, `dir` and `lang` on the
    /// page and on every block of text. A bilingual report sets each text, heading and paragraph
    /// as a row of blocks, one per language, each in its own direction: side by side on the page,
    /// never two languages on one line for the bidirectional algorithm to interleave.
    public static func html(_ document: ReportDocument) -> String {
        let direction = document.direction
        func parts(_ cell: ReportDocument.Cell) -> [[String: String]] {
            cell.parts.map { part in
                var value = [
                    "language": part.language,
                    "dir": part.language.isEmpty ? direction : ReportLanguage.direction(part.language),
                    "text": part.text,
                ]
                value["mark"] = part.mark
                return value
            }
        }
        let context: [String: Any] = [
            "lang": document.languages.first ?? "fr", "dir": direction, "titleText": document.title.joined,
            "title": parts(document.title),
            "cover": document.cover.map { ["parts": parts($0)] },
            "sections": document.sections.map { section -> [String: Any] in
                var value: [String: Any] = [
                    "h2": section.level <= 2, "heading": parts(section.heading),
                    "paragraphs": section.paragraphs.map { ["parts": parts($0)] },
                ]
                if let table = section.table {
                    value["table"] = [
                        "columns": table.columns.map { ["parts": parts($0)] },
                        "rows": table.rows.map { row in ["cells": row.map { ["parts": parts($0)] }] },
                    ]
                }
                return value
            },
        ]
        return template.render(context)
    }
}
