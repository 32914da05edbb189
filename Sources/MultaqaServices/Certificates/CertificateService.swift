import Foundation
import MultaqaDomain
import MultaqaPages
import MultaqaReports
import MultaqaStore

/// A certificate of attendance as a PDF: the person, the event with its dates and place, the days
/// and workshops they were checked in for, its organisers and partners, and its verification
/// code with the address that checks it.
public struct CertificateService: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The sheet in `languages` (one, or Arabic and French side by side). `siteURL` is where
    /// anyone verifies it: the page `/c/{code}` under it.
    public func sheet(_ certificate: Certificate, languages: [Language], siteURL: String) async throws -> CertificateSheet {
        guard let name = certificate.fullName else {
            throw DomainError.conflict(
                rule: "certificate_withdrawn", detail: "the registration's personal data was erased: the certificate names nobody"
            )
        }
        let event = try await EventStore(database: database).find(certificate.eventID.uuidString)
        let program = try await ProgramStore(database: database).program(event: event)
        let sessions = Dictionary(
            program.days.flatMap { $0.slots.map(\.session) }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let sides = languages.map { language -> CertificateSheet.Side in
            let format = PageFormat(language: language, timeZone: event.timezone)
            func named(_ roles: Set<Partner.Role>, _ included: Bool) -> [String] {
                program.partners.filter { roles.contains($0.partner.role) == included }
                    .compactMap { language.pick($0.organization.name, eventLanguages: event.languages) }
            }
            let days = certificate.days.compactMap { CheckInDay.noon(of: $0, timezone: event.timezone) }.map(format.shortDay)
            let workshops = certificate.sessions.compactMap { sessions[$0] }.sorted { $0.startsAt < $1.startsAt }
                .compactMap { language.pick($0.title, eventLanguages: event.languages) }
            let place: String? = event.format == .virtual ? nil : (event.venue.city ?? event.venue.name)
            return CertificateSheet.Side(
                language: language, eventTitle: language.pick(event.title, eventLanguages: event.languages) ?? event.slug,
                personName: name, place: place, period: format.period(event.startsAt, event.endsAt), days: days,
                workshops: workshops, organisers: named([.organizer, .coOrganizer], true),
                partners: named([.organizer, .coOrganizer], false))
        }
        return CertificateSheet(
            sides: sides, code: certificate.code, verifyURL: siteURL + "/c/" + certificate.code)
    }

    public static func pdf(_ sheet: CertificateSheet) async throws -> ConvertedFile {
        try await ReportConverter.pdfFile(fromHTML: try sheet.html())
    }
}
