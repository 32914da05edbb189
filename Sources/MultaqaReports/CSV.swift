import Foundation

/// RFC 4180 CSV, as spreadsheet programs read it: UTF-8 with a byte order mark so that
/// Arabic names open correctly, CRLF line ends, quotes where needed.
public enum CSV {
    public static let byteOrderMark = "\u{FEFF}"

    public static func document(header: [String], rows: [[String]]) -> String {
        var text = byteOrderMark
        text += line(header)
        for row in rows { text += line(row) }
        return text
    }

    static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is
    /// prefixed with an apostrophe: a registrant's name must never become a formula on an
    /// organiser's computer.
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// Parses CSV text into rows of cells (quoted cells, doubled quotes, CRLF or LF line ends, a
    /// leading byte order mark). Delimiter: comma, or semicolon or tab when the header uses them.
    public static func parse(_ input: String) -> [[String]] {
        var text = Substring(input)
        if text.hasPrefix(byteOrderMark) { text = text.dropFirst() }
        let headerLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character =
            headerLine.contains(",") ? "," : headerLine.contains("\t") ? "\t" : headerLine.contains(";") ? ";" : ","
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if quoted {
                if character == "\"" {
                    let next = text.index(after: index)
                    if next < text.endIndex && text[next] == "\"" {
                        cell.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" && cell.isEmpty {
                quoted = true
            } else if character == delimiter {
                row.append(cell)
                cell = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                row.append(cell)
                cell = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            } else {
                cell.append(character)
            }
            index = text.index(after: index)
        }
        if !cell.isEmpty || !row.isEmpty {
            row.append(cell)
            rows.append(row)
        }
        return rows
    }
}
