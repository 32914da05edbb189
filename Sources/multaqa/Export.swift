import ArgumentParser
import Foundation
import MultaqaAPI
import MultaqaDomain
import MultaqaReports
import MultaqaServices
import MultaqaStore

/// `multaqa export REPORT --event SLUG --format F --lang L --output FILE`: the same
/// reports as `GET /v1/events/{id}/reports/{report}`, in the organisers' view.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a report of an event: recommendations, program or attendance.",
        discussion: """
            Formats: json, csv (UTF-8 with BOM), md, html (self-contained, printable), pdf (needs \
            WeasyPrint 70.0, which deploy/run installs) and docx (needs pandoc: apt-get install pandoc). \
            Languages: ar, fr, en, or two side by side (ar+fr). The organisers' view: every \
            recommendation, whatever its status.
            """)

    @Argument(help: "recommendations, program or attendance.")
    var report: String

    @Option(help: "The event's slug or id.")
    var event: String

    @Option(help: "json, csv, md, html, pdf or docx.")
    var format: String = "html"

    @Option(help: "ar, fr, en, or ar+fr for a bilingual report.")
    var lang: String = "fr"

    @Option(help: "The file to write (- for standard output).")
    var output: String

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard ReportService.Report(rawValue: report) != nil else {
            throw ValidationError(
                "REPORT must be one of \(ReportService.Report.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let chosen = ReportFormat(rawValue: format) else {
            throw ValidationError("--format must be one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            _ = try ReportLanguage.parse(lang)
        } catch {
            throw ValidationError("--lang must be ar, fr, en or two of them joined by +, such as ar+fr")
        }
        if chosen == .pdf, !ReportConverter.isAvailable("weasyprint") {
            throw ValidationError("PDF export needs \(ReportConverter.weasyPrintAdvice)")
        }
        if chosen == .docx, !ReportConverter.isAvailable("pandoc") {
            throw ValidationError("DOCX export needs pandoc: apt-get install pandoc")
        }
    }

    func run() async throws {
        let report = ReportService.Report(rawValue: report)!
        let format = ReportFormat(rawValue: format)!
        let languages = try ReportLanguage.parse(lang)
        let destination = output
        let reference = event
        // Progress goes to the terminal only, never into a redirected output.
        let interactive = isatty(STDERR_FILENO) == 1
        let progress: @Sendable (String) -> Void = { stage in
            if interactive { FileHandle.standardError.write(Data("… \(stage)\n".utf8)) }
        }
        try await database.withDatabase(label: "multaqa.export") { db in
            let event = try await EventStore(database: db).find(reference)
            let rendered = try await ReportService(database: db).render(
                report, event: event, format: format, languages: languages, everything: true, progress: progress)
            if destination == "-" {
                FileHandle.standardOutput.write(rendered.data)
            } else {
                try rendered.data.write(to: URL(fileURLWithPath: destination), options: .atomic)
                FileHandle.standardError.write(Data("\(rendered.data.count) bytes written to \(destination)\n".utf8))
            }
        }
    }
}
