import Foundation
import HTTPTypes
import Hummingbird
import MultaqaDomain
import MultaqaPages
import MultaqaStore
import NIOCore

/// The staff's check-in page at the door (`/checkin/{slug}`): opened with a kiosk code (one day of
/// one event, revocable) or an organiser's token, it scans badges through the same check-in rule
/// as the API. The code travels in a cookie scoped to this event's kiosk pages, checked again at
/// every scan, so that revoking a kiosk stops it at its next badge.
struct CheckInController: Sendable {
    let database: Database
    let guardian: FormGuard
    let pages: PageController

    static let cookie = "mlq_k"
    static let maxFormBody = 4 * 1024

    /// Who is scanning: a kiosk for its day, or an organiser for today.
    enum Staff {
        case kiosk(Kiosk)
        case organizer

        var label: String {
            switch self {
            case .kiosk(let kiosk): kiosk.label
            case .organizer: "—"
            }
        }
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let event = try await event(context) else { return pages.notFound(request) }
        let staff = try await staff(request, event: event)
        return try await render(request, event: event, staff: staff, last: nil, chosen: nil, refused: false)
    }

    func unlock(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let refusal = pages.limited(request, context) { return refusal }
        guard let event = try await event(context) else { return pages.notFound(request) }
        let (input, refusal) = try await posted(request, event: event)
        if refusal { return pages.forbidden(request, PageLanguage(request: request, eventLanguages: event.languages).language) }
        let typed = (input["code"] ?? "").trimmingCharacters(in: .whitespaces)
        let value = TokenStore.isWellFormed(typed) ? typed : SecretCode.kiosk.normalised(typed)
        guard let value, try await staff(value, event: event) != nil else {
            return try await render(request, event: event, staff: nil, last: nil, chosen: nil, refused: true)
        }
        return PageResponse.redirect("/checkin/\(event.slug)", cookies: [Self.cookie(value, slug: event.slug)])
    }

    func lock(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let event = try await event(context) else { return pages.notFound(request) }
        let (_, refusal) = try await posted(request, event: event)
        if refusal { return pages.forbidden(request, PageLanguage(request: request, eventLanguages: event.languages).language) }
        let cleared = Self.cookie("", slug: event.slug, maxAge: 0)
        return PageResponse.redirect("/checkin/\(event.slug)", cookies: [cleared])
    }

    /// One badge: JSON for the page's script (`Accept: application/json`), else the page again.
    func scan(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let event = try await event(context) else { return pages.notFound(request) }
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        let language = PageLanguage(request: request, eventLanguages: event.languages).language
        let (input, refusal) = try await posted(request, event: event)
        guard !refusal, let staff = try await staff(request, event: event) else {
            // A revoked kiosk or a stale form: the page itself says what to do.
            if wantsJSON {
                return Self.json(["message": PageLabels(language)["checkin.badCode"], "tone": "bad", "reload": true])
            }
            return pages.forbidden(request, language)
        }
        let calendar = Program.calendar(event.timezone)
        let today = Program.day(Date(), calendar)
        let sessionID = input.text("session").flatMap(UUID.init(uuidString:))
        let outcome: ScanOutcome
        switch staff {
        case .kiosk(let kiosk) where kiosk.day != today:
            outcome = .wrongDay(day: kiosk.day)
        case .organizer where (try? CheckInDay.resolve(nil, event: event, sessionStart: nil)) == nil:
            outcome = .wrongDay(day: Program.day(event.startsAt, calendar))
        case .kiosk(let kiosk):
            outcome = try await AttendanceStore(database: database).scan(
                eventID: event.id, code: input["code"] ?? "", day: today, sessionID: sessionID, kiosk: kiosk.id)
        case .organizer:
            outcome = try await AttendanceStore(database: database).scan(
                eventID: event.id, code: input["code"] ?? "", day: today, sessionID: sessionID, kiosk: nil)
        }
        if wantsJSON {
            let (message, tone) = CheckInPage.message(outcome, session: sessionID != nil, labels: PageLabels(language))
            return Self.json(["message": message, "tone": tone, "welcome": outcome.isWelcome])
        }
        return try await render(request, event: event, staff: staff, last: outcome, chosen: sessionID, refused: false)
    }

    // MARK: Parts

    private func render(
        _ request: Request, event: Event, staff: Staff?, last: ScanOutcome?, chosen: UUID?, refused: Bool
    ) async throws -> Response {
        let language = PageLanguage(request: request, eventLanguages: event.languages)
        let browser = guardian.browserSecret(request)
        let csrf = try await guardian.token(purpose: Self.purpose(event.id), browserSecret: browser.value)
        let title = language.language.pick(event.title, eventLanguages: event.languages) ?? event.slug
        let stage: CheckInPage.Stage
        if let staff {
            let calendar = Program.calendar(event.timezone)
            let day: String
            switch staff {
            case .kiosk(let kiosk): day = kiosk.day
            case .organizer: day = Program.day(Date(), calendar)
            }
            let sessions = try await ScheduleStore(database: database).sessions(eventID: event.id)
            let places = sessions.filter { $0.kind != .break && Program.day($0.startsAt, calendar) == day }
                .sorted { $0.startsAt < $1.startsAt }
                .map {
                    CheckInPage.Place(
                        id: $0.id,
                        title: PageFormat(language: language.language, timeZone: event.timezone).time($0.startsAt) + " · "
                            + (language.language.pick($0.title, eventLanguages: event.languages) ?? ""))
                }
            stage = .scan(kiosk: staff.label, day: day, places: places, chosen: chosen, last: last, sessionChosen: chosen != nil)
        } else {
            stage = .unlock(refused: refused)
        }
        let html = CheckInPage(eventTitle: title, slug: event.slug, csrf: csrf, stage: stage).render(language: language.language)
        return PageResponse.html(
            html, status: refused ? .forbidden : .ok, cookies: [browser.setCookie, language.rememberCookie])
    }

    private func event(_ context: AppRequestContext) async throws -> Event? {
        let slug = (context.parameters.get("slug") ?? "").lowercased()
        guard Event.isSlug(slug) else { return nil }
        do {
            return try await EventStore(database: database).find(slug)
        } catch DomainError.notFound {
            return nil
        }
    }

    private func staff(_ request: Request, event: Event) async throws -> Staff? {
        guard let value = request.cookies[Self.cookie]?.value, !value.isEmpty else { return nil }
        return try await staff(value, event: event)
    }

    /// A kiosk code of this event that is not revoked, or an organiser's token.
    private func staff(_ value: String, event: Event) async throws -> Staff? {
        if TokenStore.isWellFormed(value) {
            guard let principal = try await TokenStore(database: database).authenticate(value), principal.role >= .organizer
            else { return nil }
            return .organizer
        }
        return try await KioskStore(database: database).open(eventID: event.id, code: value).map(Staff.kiosk)
    }

    private func posted(_ request: Request, event: Event) async throws -> (FormInput, refused: Bool) {
        let input = FormInput(urlEncoded: String(buffer: try await request.body.collect(upTo: Self.maxFormBody)))
        do {
            try await guardian.check(request, form: input["csrf"], purpose: Self.purpose(event.id))
        } catch is FormGuard.Refusal {
            return (input, true)
        }
        return (input, false)
    }

    static func purpose(_ eventID: UUID) -> String { "checkin:" + eventID.uuidString.lowercased() }

    /// Scoped to this event's kiosk pages, never sent elsewhere; Strict: no other site's page
    /// can make a kiosk's browser scan.
    static func cookie(_ value: String, slug: String, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: cookie, value: value, maxAge: maxAge, path: "/checkin/\(slug)", secure: true, httpOnly: true,
            sameSite: .strict)
    }

    private static func json(_ object: [String: Any]) -> Response {
        var headers = PageResponse.securityHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
