import Foundation
import HTTPTypes
import Hummingbird
import MultaqaDomain
import MultaqaPages
import MultaqaStore
import NIOCore

/// The staff's check-in page at the door (`/checkin/{slug}`): opened with a kiosk code (one day of
/// one event, revocable), it scans badges through the same check-in rule as the API. The code
/// travels in a cookie scoped to this event's kiosk pages, checked again at every scan, so that
/// revoking a kiosk stops it at its next badge. An organiser may open it with their token instead:
/// that makes a kiosk for the day on the spot, and only its code enters the browser, never the
/// token (a kiosk stands at a public door).
struct CheckInController: Sendable {
    let database: Database
    let guardian: FormGuard
    let pages: PageController

    static let cookie = "mlq_k"
    static let maxFormBody = 4 * 1024

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let event = try await pages.publicEvent(context) else { return pages.notFound(request) }
        let staff = try await staff(request, event: event)
        return try await render(request, event: event, staff: staff, last: nil, chosen: nil, refused: false)
    }

    func unlock(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let refusal = pages.limited(request, context) { return refusal }
        guard let event = try await pages.publicEvent(context) else { return pages.notFound(request) }
        let (input, refusal) = try await posted(request, event: event)
        if refusal { return pages.forbidden(request, PageLanguage(request: request, eventLanguages: event.languages).language) }
        let typed = (input["code"] ?? "").trimmingCharacters(in: .whitespaces)
        var code = SecretCode.kiosk.normalised(typed)
        if TokenStore.isWellFormed(typed), let principal = try await TokenStore(database: database).authenticate(typed),
            principal.role >= .organizer
        {
            // Today when the event is on, else its first day (the page then says the day is wrong).
            let day =
                (try? CheckInDay.resolve(nil, event: event, sessionStart: nil))
                ?? Program.day(event.startsAt, Program.calendar(event.timezone))
            code = try await KioskStore(database: database).create(
                eventID: event.id, day: day, label: String(principal.name.prefix(100))
            ).code
        }
        guard let code, try await staff(code, event: event) != nil else {
            return try await render(request, event: event, staff: nil, last: nil, chosen: nil, refused: true)
        }
        return PageResponse.redirect("/checkin/\(event.slug)", cookies: [Self.cookie(code, slug: event.slug)])
    }

    func lock(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let event = try await pages.publicEvent(context) else { return pages.notFound(request) }
        let (_, refusal) = try await posted(request, event: event)
        if refusal { return pages.forbidden(request, PageLanguage(request: request, eventLanguages: event.languages).language) }
        let cleared = Self.cookie("", slug: event.slug, maxAge: 0)
        return PageResponse.redirect("/checkin/\(event.slug)", cookies: [cleared])
    }

    /// One badge: JSON for the page's script (`Accept: application/json`), else the page again.
    func scan(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let event = try await pages.publicEvent(context) else { return pages.notFound(request) }
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
        let sessionID = input.text("session").flatMap(UUID.init(idText:))
        let outcome: ScanOutcome
        if staff.day != today {
            outcome = .wrongDay(day: staff.day)
        } else if let sessionID, try await !isSession(sessionID, of: event, on: today) {
            outcome = .wrongSession
        } else {
            outcome = try await AttendanceStore(database: database).scan(
                eventID: event.id, code: input["code"] ?? "", day: today, sessionID: sessionID, kiosk: staff.id)
        }
        if wantsJSON {
            let (message, tone) = CheckInPage.message(outcome, session: sessionID != nil, labels: PageLabels(language))
            return Self.json(["message": message, "tone": tone, "welcome": outcome.isWelcome])
        }
        return try await render(request, event: event, staff: staff, last: outcome, chosen: sessionID, refused: false)
    }

    // MARK: Parts

    /// Whether a session chosen on the page is one of this event's on that day.
    private func isSession(_ id: UUID, of event: Event, on day: String) async throws -> Bool {
        do {
            let session = try await ScheduleStore(database: database).session(id: id, eventID: event.id)
            return Program.day(session.startsAt, Program.calendar(event.timezone)) == day
        } catch DomainError.notFound {
            return false
        }
    }

    private func render(
        _ request: Request, event: Event, staff: Kiosk?, last: ScanOutcome?, chosen: UUID?, refused: Bool
    ) async throws -> Response {
        let language = PageLanguage(request: request, eventLanguages: event.languages)
        let browser = guardian.browserSecret(request)
        let csrf = try await guardian.token(purpose: Self.purpose(event.id), browserSecret: browser.value)
        let title = language.language.pick(event.title, eventLanguages: event.languages) ?? event.slug
        let stage: CheckInPage.Stage
        if let staff {
            let calendar = Program.calendar(event.timezone)
            let day = staff.day
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

    private func staff(_ request: Request, event: Event) async throws -> Kiosk? {
        guard let value = request.cookies[Self.cookie]?.value, !value.isEmpty else { return nil }
        return try await staff(value, event: event)
    }

    /// The kiosk of this event that the code opens, unless revoked.
    private func staff(_ value: String, event: Event) async throws -> Kiosk? {
        try await KioskStore(database: database).open(eventID: event.id, code: value)
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

    static func purpose(_ eventID: UUID) -> String { "checkin:" + eventID.idText }

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
