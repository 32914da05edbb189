import Foundation

/// The file types a meeting's documents come in, recognised from the bytes themselves:
/// the Content-Type a client sends is a claim, the magic numbers are the evidence. No I/O here:
/// the upload hands over the first and the last bytes it saw.
public enum FileType: String, CaseIterable, Sendable {
    case pdf = "application/pdf"
    case docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    case xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    case odt = "application/vnd.oasis.opendocument.text"
    case png = "image/png"
    case jpeg = "image/jpeg"
    case text = "text/plain"
    case csv = "text/csv"

    public var mediaType: String { rawValue }

    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .docx: "docx"
        case .pptx: "pptx"
        case .xlsx: "xlsx"
        case .odt: "odt"
        case .png: "png"
        case .jpeg: "jpg"
        case .text: "txt"
        case .csv: "csv"
        }
    }

    /// The bytes kept from the start of an upload, enough for every signature here.
    public static let headLength = 4096
    /// The bytes kept from the end: a ZIP's central directory, which names the parts that tell a
    /// Word file from a presentation or a workbook.
    public static let tailLength = 65536

    /// What the bytes are, or nil when they are none of the accepted types.
    /// - Parameters:
    ///   - head: the first bytes (up to `headLength`).
    ///   - tail: the last bytes (up to `tailLength`; the same as the head for a small file).
    ///   - hasNUL: whether a NUL byte occurs anywhere (never in text).
    ///   - declared: the type the client claims; plain text and CSV cannot be told apart from the
    ///     bytes, so the claim decides between those two.
    public static func detect(head: [UInt8], tail: [UInt8], hasNUL: Bool, declared: String?) -> FileType? {
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return zipType(head: head, tail: tail) }
        guard !hasNUL, !head.isEmpty, isText(head) else { return nil }
        return declared.map(Self.base) == FileType.csv.rawValue ? .csv : .text
    }

    /// The media type without its parameters, lower-cased (`Text/CSV; charset=utf-8` → `text/csv`).
    public static func base(_ mediaType: String) -> String {
        mediaType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// Whether a client's claimed type agrees with what the bytes are. A generic claim
    /// (`application/octet-stream`, none) agrees with anything; `application/zip` or a text
    /// type that is not the one found does not.
    public static func claim(_ declared: String?, agreesWith found: FileType) -> Bool {
        guard let declared else { return true }
        let claimed = base(declared)
        if claimed.isEmpty || claimed == "application/octet-stream" || claimed == "*/*" { return true }
        if claimed == found.rawValue { return true }
        // Spreadsheet programs label CSV files in several ways.
        if found == .csv, ["application/csv", "application/vnd.ms-excel", "text/comma-separated-values"].contains(claimed) {
            return true
        }
        if found == .jpeg, claimed == "image/jpg" { return true }
        return false
    }

    /// Office Open XML files are ZIPs with `[Content_Types].xml` and a main part named by the
    /// application; OpenDocument files start with a stored `mimetype` entry.
    private static func zipType(head: [UInt8], tail: [UInt8]) -> FileType? {
        // The first local header's name is at offset 30; its data follows the name and extra field.
        if head.count > 38, Array(head[30..<38]) == Array("mimetype".utf8) {
            let extraLength = Int(head[28]) | Int(head[29]) << 8
            let start = 38 + extraLength
            let odt = Array("application/vnd.oasis.opendocument.text".utf8)
            if head.count >= start + odt.count, Array(head[start..<(start + odt.count)]) == odt { return .odt }
            return nil
        }
        let names = [UInt8](head) + [UInt8](tail)
        guard contains(names, "[Content_Types].xml") else { return nil }
        if contains(names, "word/document.xml") { return .docx }
        if contains(names, "ppt/presentation.xml") { return .pptx }
        if contains(names, "xl/workbook.xml") { return .xlsx }
        return nil
    }

    private static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, Array(bytes[index..<(index + needle.count)]) == needle { return true }
            index += 1
        }
        return false
    }

    /// UTF-8 text (a byte-order mark allowed), with a sequence cut at the end of the sample
    /// forgiven, and no control characters but tabs, line breaks and form feeds.
    private static func isText(_ sample: [UInt8]) -> Bool {
        var bytes = sample[...]
        // A multi-byte character may be cut by the end of the sample: drop up to 3 trailing bytes
        // of an unfinished sequence.
        var cut = 0
        while cut < 3, let last = bytes.last, last & 0xC0 == 0x80 || last >= 0xC0 {
            let isLead = last >= 0xC0
            bytes = bytes.dropLast()
            cut += 1
            if isLead { break }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // The drop above may have removed the end of a complete character: try the whole sample.
            guard let whole = String(validating: sample, as: UTF8.self) else { return false }
            return whole.unicodeScalars.allSatisfy(isTextScalar)
        }
        return text.unicodeScalars.allSatisfy(isTextScalar)
    }

    private static func isTextScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x20 || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.value == 0x0C
    }
}
