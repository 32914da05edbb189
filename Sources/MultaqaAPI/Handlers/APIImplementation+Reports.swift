import Foundation
import MultaqaDomain
import MultaqaReports
import MultaqaServices
import OpenAPIRuntime

/// Reports as files.
extension APIImplementation {
    func getReport(_ input: Operations.GetReport.Input) async throws -> Operations.GetReport.Output {
        let principal = try await optionalPrincipal()
        let event = try await visibleEvent(input.path.eventId, principal: principal)
        let languages = try ReportLanguage.parse(input.query.lang)
        let format = input.query.format?.domain ?? .html
        let output = try await ReportService(database: database).render(
            input.path.report.domain, event: event, format: format, languages: languages,
            everything: principal.map { $0.role >= .organizer } ?? false, actor: principal.map(AuditActor.init))
        // RFC 6266: an ASCII fallback and the UTF-8 name (slugs are ASCII already).
        let headers = Operations.GetReport.Output.Ok.Headers(
            contentDisposition: "\(format == .html || format == .pdf ? "inline" : "attachment"); filename=\"\(output.fileName)\"")
        let body: Operations.GetReport.Output.Ok.Body
        switch format {
        case .json:
            body = .json(try JSONDecoder().decode(Operations.GetReport.Output.Ok.Body.JsonPayload.self, from: output.data))
        case .csv: body = .csv(HTTPBody(output.data))
        case .md: body = .textMarkdown(HTTPBody(output.data))
        case .html: body = .textHtmlCharsetUtf8(HTTPBody(output.data))
        case .pdf: body = .pdf(HTTPBody(output.data))
        case .docx: body = .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(HTTPBody(output.data))
        }
        return .ok(.init(headers: headers, body: body))
    }
}
