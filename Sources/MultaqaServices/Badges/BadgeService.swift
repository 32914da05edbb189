import Foundation
import MultaqaDomain
import MultaqaPages
import MultaqaReports
import MultaqaStore

/// Badges as a PDF: one path for the organisers' sheet (`GET /v1/events/{id}/badges`, `multaqa
/// export badges`) and an attendee's own badge. The PDF is left in an unlinked file and read a
/// piece at a time, so the badges of a whole forum never sit in memory.
public struct BadgeService: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The sheet for an event's registrations that `filter` keeps, or for one registration.
    public func sheet(
        event: Event, language: Language, layout: BadgeSheet.Layout, filter: RegistrationStore.Filter,
        registration: UUID? = nil, recording use: AuditedUse? = nil
    ) async throws -> BadgeSheet {
        let holders = try await RegistrationStore(database: database).badgeHolders(
            eventID: event.id, filter, registration: registration, recording: use)
        guard !holders.isEmpty else {
            throw DomainError.conflict(
                rule: "no_badge", detail: "no registration with a name matches: there is no badge to print")
        }
        return Self.sheet(event: event, language: language, layout: layout, holders: holders)
    }

    /// The words of a badge in its language: the category's name and the affiliation's.
    public static func sheet(event: Event, language: Language, layout: BadgeSheet.Layout, holders: [BadgeHolder]) -> BadgeSheet {
        let labels = PageLabels(language)
        let format = PageFormat(language: language, timeZone: event.timezone)
        return BadgeSheet(
            eventTitle: language.pick(event.title, eventLanguages: event.languages) ?? event.slug,
            dates: format.period(event.startsAt, event.endsAt), language: language, layout: layout,
            badges: holders.map {
                BadgeSheet.Badge(
                    name: $0.name, category: labels.category($0.category), affiliation: $0.affiliation?.name(in: language),
                    checkInCode: $0.checkInCode)
            })
    }

    /// The sheet as a PDF; `progress` hears each page laid out, with the number of pages.
    public static func pdf(
        _ sheet: BadgeSheet, progress: (@Sendable (_ page: Int, _ of: Int) -> Void)? = nil
    ) async throws
        -> ConvertedFile
    {
        let pages = sheet.pageCount
        return try await ReportConverter.pdfFile(fromHTML: try sheet.html()) { page in progress?(page, pages) }
    }
}
