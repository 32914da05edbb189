import ArgumentParser
import Foundation
import MultaqaAPI
import MultaqaDomain
import MultaqaReports
import MultaqaServices
import MultaqaStore

/// `multaqa export REPORT --event SLUG --format F --lang L --output FILE`: the same
/// reports as `GET /v1/events/{id}/reports/{report}`, in the organisers' view, and the badges of
/// `GET /v1/events/{id}/badges`.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a report of an event (recommendations, program or attendance), or its badges.",
        discussion: """
            Formats: json, csv (UTF-8 with BOM), md, html (self-contained, printable), pdf (needs \
            WeasyPrint 70.0, which deploy/run installs) and docx (needs pandoc: apt-get install pandoc). \
            Languages: ar, fr, en, or two side by side (ar+fr). The organisers' view: every \
            recommendation, whatever its status. Badges are a PDF, one language, with --layout, \
            --status, --category and --mode to choose whose.
            """)

    static let badges = "badges"

    @Argument(help: "recommendations, program, attendance or badges.")
    var report: String

    @Option(help: "The event's slug or id.")
    var event: String

    @Option(help: "json, csv, md, html, pdf or docx (html by default; badges are pdf).")
    var format: String?

    @Option(help: "ar, fr, en, or ar+fr for a bilingual report (fr by default; badges: the event's first language).")
    var lang: String?

    @Option(help: "Badges: a6 (one per A6 page) or a4-8 (eight per A4 page, to cut).")
    var layout: String = BadgeSheet.Layout.a6.rawValue

    @Option(help: "Badges: whose registrations, by status.")
    var status: String = RegistrationStatus.confirmed.rawValue

    @Option(help: "Badges: one category only (elected_official, administrative_staff, …).")
    var category: String?

    @Option(help: "Badges: one attendance mode only (in_person, online).")
    var mode: String?

    @Option(help: "The file to write (- for standard output).")
    var output: String

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if report == Self.badges {
            try validateBadges()
            return
        }
        guard ReportService.Report(rawValue: report) != nil else {
            throw ValidationError(
                "REPORT must be one of \((ReportService.Report.allCases.map(\.rawValue) + [Self.badges]).joined(separator: ", "))"
            )
        }
        guard let chosen = ReportFormat(rawValue: format ?? ReportFormat.html.rawValue) else {
            throw ValidationError("--format must be one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            _ = try ReportLanguage.parse(lang ?? Language.fr.rawValue)
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

    private func validateBadges() throws {
        guard format == nil || format == ReportFormat.pdf.rawValue else {
            throw ValidationError("badges are a PDF: --format pdf")
        }
        guard lang.map({ Language(rawValue: $0) != nil }) ?? true else {
            throw ValidationError("--lang must be ar, fr or en for badges")
        }
        guard BadgeSheet.Layout(rawValue: layout) != nil else {
            throw ValidationError("--layout must be one of \(BadgeSheet.Layout.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard RegistrationStatus(rawValue: status) != nil else {
            throw ValidationError(
                "--status must be one of \(RegistrationStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard category.map({ AttendeeCategory(rawValue: $0) != nil }) ?? true else {
            throw ValidationError(
                "--category must be one of \(AttendeeCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard mode.map({ AttendanceMode(rawValue: $0) != nil }) ?? true else {
            throw ValidationError("--mode must be one of \(AttendanceMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard ReportConverter.isAvailable("weasyprint") else {
            throw ValidationError("Badges need \(ReportConverter.weasyPrintAdvice)")
        }
    }

    func run() async throws {
        // Progress goes to the terminal only, never into a redirected output.
        let interactive = isatty(STDERR_FILENO) == 1
        if report == Self.badges {
            try await exportBadges(interactive: interactive)
            return
        }
        let report = ReportService.Report(rawValue: report)!
        let format = ReportFormat(rawValue: format ?? ReportFormat.html.rawValue)!
        let languages = try ReportLanguage.parse(lang ?? Language.fr.rawValue)
        let destination = output
        let reference = event
        let progress: @Sendable (String) -> Void = { stage in
            if interactive { FileHandle.standardError.write(Data("… \(stage)\n".utf8)) }
        }
        try await database.withDatabase(label: "multaqa.export") { db in
            let event = try await EventStore(database: db).find(reference)
            let rendered = try await ReportService(database: db).render(
                report, event: event, format: format, languages: languages, everything: true, actor: .command("export"),
                progress: progress)
            if destination == "-" {
                FileHandle.standardOutput.write(rendered.data)
            } else {
                try rendered.data.write(to: URL(fileURLWithPath: destination), options: .atomic)
                FileHandle.standardError.write(Data("\(rendered.data.count) bytes written to \(destination)\n".utf8))
            }
        }
    }

    /// The badges PDF, with the page being laid out on one line of the terminal.
    private func exportBadges(interactive: Bool) async throws {
        let layout = BadgeSheet.Layout(rawValue: layout)!
        let filter = RegistrationStore.Filter(
            statuses: [RegistrationStatus(rawValue: status)!], mode: mode.flatMap(AttendanceMode.init(rawValue:)),
            category: category.flatMap(AttendeeCategory.init(rawValue:)))
        let chosenLanguage = lang.flatMap(Language.init(rawValue:))
        let (destination, reference) = (output, event)
        try await database.withDatabase(label: "multaqa.export") { db in
            let event = try await EventStore(database: db).find(reference)
            let language = chosenLanguage ?? Language.defaultFor(eventLanguages: event.languages)
            let sheet = try await BadgeService(database: db).sheet(
                event: event, language: language, layout: layout, filter: filter,
                recording: AuditedUse(
                    .command("export"), .badgesExported,
                    detail: filter.auditTerms.merging(["layout": layout.rawValue, "language": language.rawValue]) { $1 }))
            if interactive { FileHandle.standardError.write(Data("… \(sheet.badges.count) badges\n".utf8)) }
            let pdf = try await BadgeService.pdf(sheet) { page, pages in
                if interactive { FileHandle.standardError.write(Data("\r… page \(page) of \(pages)".utf8)) }
            }
            if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
            try Self.write(pdf, to: destination)
            FileHandle.standardError.write(
                Data("\(sheet.badges.count) badges, \(pdf.size) bytes written to \(destination)\n".utf8))
        }
    }

    /// Piece by piece, into a temporary file renamed at the end (a reader never sees half a PDF).
    private static func write(_ file: ConvertedFile, to destination: String) throws {
        if destination == "-" {
            while let piece = try file.next() { FileHandle.standardOutput.write(Data(piece)) }
            return
        }
        let target = URL(fileURLWithPath: destination)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        // Badges are personal data: readable by this user only, like the finished file.
        try? FileManager.default.removeItem(at: partial)
        let descriptor = open(partial.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw ValidationError("cannot write \(partial.path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            while let piece = try file.next() { try handle.write(contentsOf: piece) }
            try handle.close()
            guard rename(partial.path, target.path) == 0 else {
                throw ValidationError("cannot write \(target.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}
