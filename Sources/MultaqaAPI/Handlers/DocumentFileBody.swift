import MultaqaDomain
import OpenAPIRuntime

/// The body of a document's file, one generated case per type a stored file can be, so that the
/// file goes out with its own `Content-Type` (the whole file and a range have a body type each).
protocol DocumentFileBody {
    static func pdf(_ body: HTTPBody) -> Self
    static func applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(_ body: HTTPBody) -> Self
    static func applicationVnd_openxmlformatsOfficedocument_presentationml_presentation(_ body: HTTPBody) -> Self
    static func applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(_ body: HTTPBody) -> Self
    static func applicationVnd_oasis_opendocument_text(_ body: HTTPBody) -> Self
    static func png(_ body: HTTPBody) -> Self
    static func jpeg(_ body: HTTPBody) -> Self
    static func plainText(_ body: HTTPBody) -> Self
    static func csv(_ body: HTTPBody) -> Self
}

extension DocumentFileBody {
    static func file(_ type: FileType, _ body: HTTPBody) -> Self {
        switch type {
        case .pdf: .pdf(body)
        case .docx: .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(body)
        case .pptx: .applicationVnd_openxmlformatsOfficedocument_presentationml_presentation(body)
        case .xlsx: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(body)
        case .odt: .applicationVnd_oasis_opendocument_text(body)
        case .png: .png(body)
        case .jpeg: .jpeg(body)
        case .text: .plainText(body)
        case .csv: .csv(body)
        }
    }
}

extension Operations.GetDocumentContent.Output.Ok.Body: DocumentFileBody {}
extension Operations.GetDocumentContent.Output.PartialContent.Body: DocumentFileBody {}
