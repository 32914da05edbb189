import Foundation
import MultaqaDomain
import MultaqaReports
import MultaqaStore

/// Gathers a report's data and renders it: one path for the API
/// (`GET /v1/events/{id}/reports/{report}`) and the CLI (`multaqa export`).
public struct ReportService: Sendable {
    public enum Report: String, CaseIterable, Sendable {
        case recommendations, program, attendance
    }

    public struct Output: Sendable {
        public let data: Data
        public let fileName: String
        public let mediaType: String
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// - Parameter everything: the organisers' view (every status); otherwise what the public may
    ///   read (adopted and later recommendations).
    /// - Parameter progress: told each stage, for a terminal.
    /// - Parameter actor: who asks, recorded with the read when the report holds personal data
    ///   (the attendance report's participants).
    public func render(
        _ report: Report, event: Event, format: ReportFormat, languages: [String], everything: Bool,
        actor: AuditActor? = nil, progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> Output {
        progress("reading \(event.slug)")
        let program = try await ProgramStore(database: database).program(event: event)
        let document: ReportDocument
        switch report {
        case .recommendations:
            let store = RecommendationStore(database: database)
            var filter = RecommendationStore.Filter(
                statuses: everything ? Recommendation.Status.allCases : Recommendation.Status.allCases.filter(\.isPublic),
                eventID: event.id)
            filter.includeDraftEvents = everything
            let items = try await store.list(filter, after: nil, limit: 1_000_000)
            let names = try await store.organizationNames(items.flatMap { $0.actorIDs + ($0.ownerID.map { [$0] } ?? []) })
            progress("laying out \(items.count) recommendations")
            document = RecommendationsReport.document(
                program: program, recommendations: items, organizations: names, languages: languages)
        case .program:
            document = ProgramReport.document(program: program, languages: languages)
        case .attendance:
            // Who registered is the organisers' business: never in a public report.
            guard everything else { throw DomainError.unauthenticated }
            let store = AttendanceStore(database: database)
            let counts = try await store.counts(eventID: event.id)
            let participants = try await RegistrationStore(database: database).list(
                eventID: event.id, .init(), after: nil, limit: nil,
                recording: actor.map {
                    AuditedUse(
                        $0, .attendanceExported,
                        detail: ["format": format.rawValue, "languages": languages.joined(separator: "+")])
                })
            let names = Dictionary(
                uniqueKeysWithValues: try await store.collectivities(search: nil, kind: nil, parent: nil, limit: 1000).map {
                    ($0.code, $0.name)
                })
            progress("laying out \(participants.count) registrations")
            document = AttendanceReport.document(
                program: program,
                counts: .init(
                    byStatus: counts.byStatus, byMode: counts.byMode, byCategory: counts.byCategory,
                    byCollectivityKind: counts.byCollectivityKind, byRegion: counts.byRegion,
                    checkedInByDay: counts.checkedInByDay),
                participants: participants, collectivities: names, languages: languages)
        }
        if format == .pdf || format == .docx { progress("converting to \(format.rawValue)") }
        let data: Data
        do {
            data = try await ReportRenderer.render(document, as: format)
        } catch let failure as ReportConverter.Failure {
            throw DomainError.unavailable(detail: failure.description)
        }
        return Output(
            data: data, fileName: "\(event.slug)-\(report.rawValue)-\(languages.joined(separator: "+")).\(format.fileExtension)",
            mediaType: format.mediaType)
    }
}
