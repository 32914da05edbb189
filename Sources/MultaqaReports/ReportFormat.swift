/// The formats reports are exported in, with what HTTP and file names need to know.
/// Rendering lives beside this file; the layer knows domain data, never SQL or HTTP.
public enum ReportFormat: String, CaseIterable, Sendable {
    case json, csv, md, html, pdf, docx

    public var mediaType: String {
        switch self {
        case .json: "application/json"
        // UTF-8 with a byte order mark, so that spreadsheet programs show Arabic.
        case .csv: "text/csv; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    public var fileExtension: String { rawValue }
}
