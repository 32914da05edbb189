import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MultaqaDomain
import MultaqaPages
import MultaqaReports
import MultaqaServices
import MultaqaStore
import NIOCore

/// The attendee's side, served as HTML from the same rules as the API: an event's page, its
/// registration form (through the same one-statement registration), and the page a manage link
/// opens. Every failure ends as a page in the reader's language, never as a problem document.
struct PageController: Sendable {
    let database: Database
    let cache: ProgramCache
    let guardian: FormGuard
    let limiter: RateLimiter?
    let trustedProxies: Set<String>
    let publicURL: String?
    /// Where whole programmes may be read; nil: the primary only.
    var replica: ReadReplica? = nil

    /// The manage cookie carries the registration's token, scoped to that registration's pages.
    static let manageCookie = "mlq_m"
    /// Form bodies are short: a name, an address, a few choices.
    static let maxFormBody = 32 * 1024

    var events: EventStore { EventStore(database: database) }
    var registrations: RegistrationStore { RegistrationStore(database: database) }
    var schedule: ScheduleStore { ScheduleStore(database: database) }
    var programs: ProgramStore { ProgramStore(database: database, replica: replica) }

    // MARK: Home and assets

    func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = PageLanguage(request: request, eventLanguages: ["ar"])
        let list = try await events.list(
            EventStore.Filter(statuses: [.published, .closed, .archived]), after: nil, limit: 200)
        return PageResponse.html(HomePage(events: list).render(language: language.language), cookies: [language.rememberCookie])
    }

    static func asset(_ bytes: [UInt8], type: String) -> Response {
        var headers = PageResponse.securityHeaders
        headers[.contentType] = type
        // The URL changes with the content (`?v=`): a year in any cache.
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: The event's page

    /// Cached like the JSON program: by the program's version, which every change that shows on
    /// the page bumps (the schedule, the event, its settings, its adopted recommendations), and
    /// dropped when time alone changes it (a stream starts, registration opens or closes).
    func event(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let slug = (context.parameters.get("slug") ?? "").lowercased()
        guard Event.isSlug(slug) else { return notFound(request) }
        // The language first: it needs the event's languages only when the browser named none of
        // ours, and the cache holds one page per language.
        let negotiated = PageLanguage(request: request, eventLanguages: [])
        let explicit = negotiated.chosen || negotiated.fromBrowser
        if explicit, let entry = cache.trusted(Self.pageKey(slug, negotiated.language)) {
            return Self.respond(entry, request, cookie: negotiated.rememberCookie)
        }
        let ticket = cache.ticket
        guard let stamp = try await programs.stamp(slug), stamp.isPublic else { return notFound(request) }
        let event = try await events.find(stamp.eventID.uuidString)
        let language = explicit ? negotiated : PageLanguage(request: request, eventLanguages: event.languages)
        let key = Self.pageKey(slug, language.language)
        if let entry = cache.entry(key, matching: stamp) {
            return Self.respond(entry, request, cookie: language.rememberCookie)
        }
        let program = try await programs.program(event: event)
        let settings = try await registrations.settings(eventID: event.id)
        let adopted = try await RecommendationStore(database: database).list(
            .init(statuses: [.adopted, .inProgress, .implemented], eventID: event.id), after: nil, limit: 500)
        let now = Date()
        let state = RegistrationState(event: event, settings: settings, now: now)
        let html = EventPage(program: program, recommendations: adopted, registration: state).render(language: language.language)
        // The registration's state too: it changes with time alone, and a browser revalidating
        // an old page must not be told that it is current.
        let phase: String
        switch state {
        case .open: phase = "o"
        case .notOpenYet: phase = "w"
        case .closed: phase = "c"
        case .notOffered: phase = "n"
        }
        let etag =
            "\"p\(stamp.programVersion)-e\(stamp.eventVersion)-m\(stamp.mediaPhase)-r\(phase)-\(language.language.rawValue)\""
        var headers = PageResponse.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "public, max-age=0, must-revalidate"
        headers[.eTag] = etag
        headers[.vary] = "Cookie, Accept-Language"
        let body = ByteBuffer(string: html)
        headers[.contentLength] = String(body.readableBytes)
        var expires: Date?
        switch state {
        case .open(let closes): expires = closes
        case .notOpenYet(let opens): expires = opens
        case .closed, .notOffered: expires = nil
        }
        cache.store(.init(stamp: stamp, etag: etag, body: body, headers: headers, expiresAt: expires), for: key, ticket: ticket)
        return Self.respond(
            .init(stamp: stamp, etag: etag, body: body, headers: headers), request, cookie: language.rememberCookie)
    }

    static func pageKey(_ slug: String, _ language: Language) -> String {
        "page:" + language.rawValue + ":" + slug
    }

    private static func respond(_ entry: ProgramCache.Entry, _ request: Request, cookie: Cookie?) -> Response {
        var response: Response
        if let ifNoneMatch = request.headers[.ifNoneMatch], ProgramETag.matches(ifNoneMatch, entry.etag) {
            var headers = entry.headers
            headers[.contentLength] = nil
            headers[.contentType] = nil
            response = Response(status: .notModified, headers: headers)
        } else {
            response = Response(status: .ok, headers: entry.headers, body: .init(byteBuffer: entry.body))
        }
        if let cookie { response.setCookie(cookie) }
        return response
    }

    // MARK: Registering

    func registrationForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let event = try await publicEvent(context) else { return notFound(request) }
        let language = PageLanguage(request: request, eventLanguages: event.languages)
        let browser = guardian.browserSecret(request)
        guard let form = try await form(event: event, browser: browser.value) else { return notFound(request) }
        return PageResponse.html(
            form.render(language: language.language), cookies: [browser.setCookie, language.rememberCookie])
    }

    func register(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let refusal = limited(request, context) { return refusal }
        guard let event = try await publicEvent(context) else { return notFound(request) }
        let language = PageLanguage(request: request, eventLanguages: event.languages).language
        let labels = PageLabels(language)
        let (input, refusal) = try await postedForm(request, purpose: Self.registerPurpose(event.id))
        if case .crossSite = refusal { return forbidden(request, language) }
        let secret = guardian.browserSecret(request)
        let browser = secret.value
        if case .badToken = refusal {
            // Our own form with an expired or lost cookie (the browser was closed, its cookies
            // cleared): the same form again, with what was typed and a fresh token, not a dead end.
            return try await formAgain(
                event, input, errors: [], browser, language, status: .forbidden, notice: labels["page.forbiddenText"],
                cookies: [secret.setCookie])
        }
        // The form's id, made when the form was served: a second submission of the same form (a
        // double click, a reload) finds the first one's registration instead of making another.
        guard let formID = input["form_id"], (8...200).contains(formID.utf8.count),
            formID.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else {
            return try await formAgain(
                event, input, errors: [("form", labels["error.again"])], browser, language, status: .unprocessableContent)
        }
        // Most forms carry no ranking; only one that does costs a read of the settings, and the
        // database refuses a ranking that the event does not take anyway.
        var ranking: [UUID]?
        if RankingFields.isPresent(in: input),
            let choice = try await registrations.settings(eventID: event.id)?.workshopChoice, choice.mode == .ranked
        {
            let slots = WorkshopSlots(sessions: try await schedule.sessions(eventID: event.id))
            ranking = RankingFields.ranking(input, slots: slots, choices: choice.rankedChoices)
        }
        let parsed = Self.request(input, event: event, labels: labels, ranking: ranking)
        guard parsed.errors.isEmpty, let registrationRequest = parsed.request else {
            return try await formAgain(event, input, errors: parsed.errors, browser, language, status: .unprocessableContent)
        }
        let idempotency = IdempotencyStore(database: database)
        let scope = "PAGE /e/\(event.id.idText)/register"
        var hasher = SHA256()
        for name in input.values.keys.sorted() where name != "csrf" {
            hasher.update(data: Data((name + "=" + (input[name] ?? "") + "\u{0}").utf8))
        }
        let hash = Data(hasher.finalize())
        var claim = try await idempotency.claim(scope: scope, key: formID, requestHash: hash)
        // The first submission still running (a double click): wait for its answer, briefly.
        var waited = 0
        while case .inProgress = claim, waited < 50 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
            claim = try await idempotency.claim(scope: scope, key: formID, requestHash: hash)
        }
        switch claim {
        case .inProgress:
            return unavailable(request, language)
        case .mismatch:
            return try await formAgain(
                event, input, errors: [], browser, language, status: .conflict, notice: labels["error.resent"], newForm: true)
        case .replay(_, let headers, let stored):
            guard let location = headers["Location"] else { return unavailable(request, language) }
            let token = String(decoding: stored, as: UTF8.self)
            return PageResponse.redirect(location, cookies: [Self.manageCookie(token: token, location: location)])
        case .recorded(let registrationID, let token):
            let location = "/r/\(registrationID.idText)?n=registered"
            return PageResponse.redirect(location, cookies: [Self.manageCookie(token: token, location: location)])
        case .claimed:
            break
        }
        let created: RegistrationStore.Created
        do {
            created = try await registrations.register(
                eventID: event.id, registrationRequest, byOrganizer: false, idempotency: .init(scope: scope, key: formID))
        } catch let refusal as DomainError {
            try? await idempotency.release(scope: scope, key: formID)
            Observability.registration(refusal)
            if case .unavailable = refusal {
                return try await formAgain(
                    event, input, errors: [("form", labels["error.again"])], browser, language, status: .serviceUnavailable)
            }
            return try await formAgain(
                event, input, errors: Self.errors(refusal, labels: labels), browser, language, status: .unprocessableContent)
        } catch {
            try? await idempotency.release(scope: scope, key: formID)
            Observability.registration("error")
            throw error
        }
        Observability.registration(created.registration.status.rawValue)
        let location = "/r/\(created.registration.id.idText)?n=registered"
        try await idempotency.complete(
            scope: scope, key: formID, status: 303, headers: ["Location": location], body: Data(created.manageToken.utf8))
        return PageResponse.redirect(location, cookies: [Self.manageCookie(token: created.manageToken, location: location)])
    }

    /// "Send me my link again": the same rule as the API's (a new link for a registration that
    /// stands under this address, at most one per five minutes), and the same answer whatever the
    /// address, so that the form tells nobody who is registered.
    func resend(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let refusal = limited(request, context) { return refusal }
        guard let event = try await publicEvent(context) else { return notFound(request) }
        let language = PageLanguage(request: request, eventLanguages: event.languages).language
        let labels = PageLabels(language)
        let (input, refusal) = try await postedForm(request, purpose: Self.resendPurpose(event.id))
        if refusal != nil { return forbidden(request, language) }
        var violations: [FieldViolation] = []
        if let email = EmailAddress.validated(input["email"], field: "email", into: &violations), violations.isEmpty {
            try await registrations.resendManageLink(eventID: event.id, email: email)
        }
        return PageResponse.html(
            MessagePage(
                heading: labels["manage.resend"], text: labels["manage.resent"], path: "/e/\(event.slug)/register",
                back: ("/e/\(event.slug)", labels["manage.event"])
            ).render(language: language))
    }

    static func registerPurpose(_ eventID: UUID) -> String { "register:" + eventID.idText }
    static func resendPurpose(_ eventID: UUID) -> String { "resend:" + eventID.idText }
    static func managePurpose(_ registrationID: UUID) -> String { "manage:" + registrationID.idText }

    /// The form's fields as a registration request, or the errors by field in the page's language.
    /// `ranking`: the workshops as ranked, when the event ranks them (the slots' fields are not read then).
    static func request(
        _ input: FormInput, event: Event, labels: PageLabels, ranking: [UUID]? = nil
    ) -> (
        request: RegistrationRequest?, errors: [(field: String, message: String)]
    ) {
        var errors: [(field: String, message: String)] = []
        let category = input.text("category").flatMap(AttendeeCategory.init(rawValue:))
        if category == nil { errors.append(("category", labels["error.category"])) }
        let mode = input.text("mode").flatMap(AttendanceMode.init(rawValue:))
        if mode == nil { errors.append(("mode", labels["error.mode"])) }
        var workshops: [UUID] = ranking ?? []
        for index in 0..<RegistrationRequest.maxWorkshops where ranking == nil {
            guard let value = input.text(WorkshopSlots.fieldName(index)) else { continue }
            if let id = UUID(idText: value) {
                workshops.append(id)
            } else if !errors.contains(where: { $0.field == "workshops" }) {
                errors.append(("workshops", labels["error.workshops"]))
            }
        }
        var language: Language?
        if let code = input.text("language") {
            language = Language(rawValue: code)
            if language == nil { errors.append(("language", labels["error.language"])) }
        }
        let candidate = RegistrationRequest(
            fullName: input["full_name"] ?? "", email: input["email"] ?? "", phone: input.text("phone"),
            category: category ?? .other, affiliation: input.text("collectivity").map(Affiliation.collectivity),
            position: input.text("position"), mode: mode ?? .inPerson, workshops: workshops,
            consent: input["consent"] == "yes", invitationCode: input.text("invitation_code"), language: language)
        do {
            let validated = try candidate.validated()
            return errors.isEmpty ? (validated, []) : (nil, errors)
        } catch {
            for found in Self.errors(error, labels: labels) where !errors.contains(where: { $0.field == found.field }) {
                errors.append(found)
            }
            return (nil, errors)
        }
    }

    /// A refusal in the form's words: each field's rule by its field, the event's state above the form.
    static func errors(_ error: DomainError, labels: PageLabels) -> [(field: String, message: String)] {
        switch error {
        case .validation(let violations):
            var result: [(field: String, message: String)] = []
            for violation in violations {
                let (field, key) = Self.field(violation)
                if !result.contains(where: { $0.field == field }) { result.append((field, labels[key])) }
            }
            return result
        case .conflict(let rule, _, _, _):
            switch rule {
            case "workshop_full": return [("workshops", labels["error.workshopFull"])]
            case "workshops_overlap": return [("workshops", labels["error.workshops"])]
            case "rankings_closed": return [("workshops", labels["form.rankingClosed"])]
            case "mode_full", "event_full": return [("mode", labels["error.modeFull"])]
            case "invitation_invalid": return [("invitation_code", labels["error.invitation"])]
            case "registration_not_open_yet": return [("form", labels["error.notOpen"])]
            case "registration_closed", "registration_not_offered": return [("form", labels["error.closed"])]
            default: return [("form", labels["error.again"])]
            }
        default:
            return [("form", labels["error.again"])]
        }
    }

    /// The form field an API field names, and the message key for its rule.
    static func field(_ violation: FieldViolation) -> (field: String, key: String) {
        let required = violation.message.contains("required")
        switch violation.field {
        case "fullName": return ("full_name", "error.fullName")
        case "email": return ("email", violation.message.contains("already registered") ? "error.emailTaken" : "error.email")
        case "phone": return ("phone", required ? "error.phoneRequired" : "error.phone")
        case "category": return ("category", "error.category")
        case "mode": return ("mode", "error.mode")
        case "position": return ("position", "error.position")
        case "consent": return ("consent", "error.consent")
        case "invitationCode", "invitation_code": return ("invitation_code", "error.invitation")
        case "language": return ("language", "error.language")
        case let name where name.hasPrefix("affiliation"):
            return ("collectivity", required ? "error.affiliationRequired" : "error.affiliation")
        case let name where name.hasPrefix("workshops"): return ("workshops", "error.workshops")
        default: return ("form", "error.again")
        }
    }

    private func formAgain(
        _ event: Event, _ input: FormInput, errors: [(field: String, message: String)], _ browser: String, _ language: Language,
        status: HTTPResponse.Status, notice: String? = nil, newForm: Bool = false, cookies: [Cookie?] = []
    ) async throws -> Response {
        guard var form = try await form(event: event, browser: browser) else { return notFound(nil) }
        form.input = newForm ? FormInput(input.values.filter { $0.key != "form_id" }) : input
        if !newForm, let formID = input["form_id"] { form.formID = formID }
        form.errors = errors
        form.notice = notice
        return PageResponse.html(form.render(language: language), status: status, cookies: cookies)
    }

    private func form(event: Event, browser: String) async throws -> RegistrationForm? {
        guard let settings = try await registrations.settings(eventID: event.id) else { return nil }
        async let seats = seatCounts(eventID: event.id)
        async let sessions = schedule.sessions(eventID: event.id)
        async let collectivities = AttendanceStore(database: database).collectivities(
            search: nil, kind: nil, parent: nil, limit: 2000)
        let (modes, workshops) = try await seats
        let choices = try await collectivities.filter { $0.kind == "region" || $0.kind == "province" || $0.kind == "prefecture" }
            .map { CollectivityChoice(code: $0.code, kind: $0.kind, name: $0.name, parentCode: $0.parentCode) }
        var formID = [UInt8](repeating: 0, count: 18)
        ManageToken.fillRandom(&formID)
        return RegistrationForm(
            event: event, settings: settings, state: RegistrationState(event: event, settings: settings), modeSeats: modes,
            sessions: try await sessions, workshopSeats: workshops, collectivities: choices,
            formID: FormGuard.base64URL(Data(formID)),
            csrf: try await guardian.token(purpose: Self.registerPurpose(event.id), browserSecret: browser),
            resendCSRF: try await guardian.token(purpose: Self.resendPurpose(event.id), browserSecret: browser))
    }

    func publicEvent(_ context: AppRequestContext) async throws -> Event? {
        let slug = (context.parameters.get("slug") ?? "").lowercased()
        guard Event.isSlug(slug) else { return nil }
        do {
            let event = try await events.find(slug)
            return event.status.isPublic ? event : nil
        } catch DomainError.notFound {
            return nil
        }
    }

    // MARK: Managing

    /// `/r/{token}` (the link as mailed) or `/r/{id}` (where that link leads): one route, `/r/{id}`.
    func manage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let reference = context.parameters.get("id") ?? ""
        let language = PageLanguage(request: request, eventLanguages: [])
        if ManageToken.isWellFormed(reference) {
            // The token leaves the address bar at once: it is exchanged for a cookie that only this
            // registration's pages receive, and the browser is sent to the address without it.
            do {
                let registration = try await registrations.find(manageToken: reference)
                let location = "/r/\(registration.id.idText)"
                return PageResponse.redirect(location, cookies: [Self.manageCookie(token: reference, location: location)])
            } catch DomainError.notFound {
                let labels = PageLabels(language.language)
                return PageResponse.html(
                    MessagePage(
                        heading: labels["page.notFound"], text: labels["manage.badLink"], path: "/r/link",
                        back: ("/", labels["page.home"])
                    ).render(language: language.language), status: .notFound)
            }
        }
        guard let (registration, token) = try await accessible(request, context) else {
            return noAccess(request, language.language)
        }
        let event = try await events.find(registration.eventID.uuidString)
        let chosen = PageLanguage(request: request, eventLanguages: event.languages)
        let labels = PageLabels(chosen.language)
        let notice = request.uri.queryParameters.get("n").flatMap { code -> String? in
            switch code {
            case "registered": labels["manage.registered"]
            case "saved": labels["manage.saved"]
            case "cancelled": labels["manage.cancelled"]
            case "erased": labels["manage.erased"]
            default: nil
            }
        }
        // A browser that arrives from the mailed link has never seen a form of ours: it gets its
        // anti-forgery cookie here, or its first change would be refused.
        let browser = guardian.browserSecret(request)
        let page = try await managePage(
            registration, event: event, token: token, request: request, notice: notice, errors: [], browser: browser.value,
            // The link itself right after registering (to keep it where mail may not reach); later
            // it stays out of the page, which a shared screen or a screenshot may show.
            showLink: request.uri.queryParameters.get("n") == "registered")
        return PageResponse.html(page.render(language: chosen.language), cookies: [chosen.rememberCookie, browser.setCookie])
    }

    func change(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let refusal = limited(request, context) { return refusal }
        guard let (registration, token) = try await accessible(request, context) else {
            return noAccess(request, PageLanguage(request: request, eventLanguages: []).language)
        }
        let event = try await events.find(registration.eventID.uuidString)
        let language = PageLanguage(request: request, eventLanguages: event.languages).language
        let labels = PageLabels(language)
        let (input, refusal) = try await postedForm(request, purpose: Self.managePurpose(registration.id))
        if refusal != nil { return forbidden(request, language) }
        let id = registration.id.idText
        guard registration.status.isActive else { return PageResponse.redirect("/r/\(id)") }
        let mode = input.text("mode").flatMap(AttendanceMode.init(rawValue:))
        var workshops: [UUID] = []
        for index in 0..<RegistrationRequest.maxWorkshops {
            if let value = input.text(WorkshopSlots.fieldName(index)), let workshop = UUID(idText: value) {
                workshops.append(workshop)
            }
        }
        // A ranked event's form carries the ranking instead of the workshops.
        let choice = try await registrations.settings(eventID: event.id)?.workshopChoice ?? WorkshopChoice()
        let ranked = choice.mode == .ranked
        do {
            if ranked, RankingFields.isPresent(in: input) {
                let slots = WorkshopSlots(sessions: try await schedule.sessions(eventID: event.id))
                let ranking = RankingFields.ranking(input, slots: slots, choices: choice.rankedChoices)
                let allocations = AllocationStore(database: database)
                if try await allocations.ranking(registrationID: registration.id) != ranking {
                    try await allocations.setRanking(registrationID: registration.id, workshops: ranking)
                }
            }
            _ = try await registrations.change(
                id: registration.id, mode: mode == registration.mode ? nil : mode,
                workshops: ranked || Set(workshops) == Set(registration.workshops) ? nil : workshops,
                language: input.text("language").flatMap(Language.init(rawValue:)))
        } catch let refusal as DomainError {
            let errors = Self.errors(refusal, labels: labels).map(\.message)
            var page = try await managePage(
                registration, event: event, token: token, request: request, notice: nil, errors: errors,
                browser: guardian.browserSecret(request).value)
            page.rankingInput = input
            return PageResponse.html(page.render(language: language), status: .unprocessableContent)
        }
        return PageResponse.redirect("/r/\(id)?n=saved")
    }

    /// The confirmation step of cancelling or erasing.
    func confirm(_ request: Request, _ context: AppRequestContext, erase: Bool) async throws -> Response {
        guard let (registration, _) = try await accessible(request, context) else {
            return noAccess(request, PageLanguage(request: request, eventLanguages: []).language)
        }
        let event = try await events.find(registration.eventID.uuidString)
        let language = PageLanguage(request: request, eventLanguages: event.languages).language
        let labels = PageLabels(language)
        let id = registration.id.idText
        // Nothing left to confirm: a cancelled registration cannot be cancelled again, an erased
        // one has nothing to erase.
        if erase ? registration.erasedAt != nil : !registration.status.isActive { return PageResponse.redirect("/r/\(id)") }
        let browser = guardian.browserSecret(request)
        let page = ConfirmPage(
            heading: labels[erase ? "manage.erase" : "manage.cancel"],
            question: labels[erase ? "manage.eraseQuestion" : "manage.cancelQuestion"],
            confirmLabel: labels[erase ? "manage.eraseConfirm" : "manage.cancelConfirm"],
            action: "/r/\(id)/\(erase ? "erase" : "cancel")", back: "/r/\(id)",
            csrf: try await guardian.token(purpose: Self.managePurpose(registration.id), browserSecret: browser.value))
        return PageResponse.html(page.render(language: language), cookies: [browser.setCookie])
    }

    func cancel(_ request: Request, _ context: AppRequestContext, erase: Bool) async throws -> Response {
        if let refusal = limited(request, context) { return refusal }
        guard let (registration, _) = try await accessible(request, context) else {
            return noAccess(request, PageLanguage(request: request, eventLanguages: []).language)
        }
        let language = PageLanguage(request: request, eventLanguages: []).language
        let (_, refusal) = try await postedForm(request, purpose: Self.managePurpose(registration.id))
        if refusal != nil { return forbidden(request, language) }
        let id = registration.id.idText
        if registration.status.isActive || (erase && registration.erasedAt == nil) {
            _ = try await registrations.cancel(id: registration.id, erase: erase)
        }
        return PageResponse.redirect("/r/\(id)?n=\(erase ? "erased" : "cancelled")")
    }

    func calendar(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let (registration, _) = try await accessible(request, context) else {
            return noAccess(request, PageLanguage(request: request, eventLanguages: []).language)
        }
        let event = try await events.find(registration.eventID.uuidString)
        let rooms = Dictionary(uniqueKeysWithValues: try await schedule.rooms(eventID: event.id).map { ($0.id, $0.name) })
        let chosen = Set(registration.workshops)
        let workshops = try await schedule.sessions(eventID: event.id).filter { chosen.contains($0.id) }.map {
            AttendeeCalendarRenderer.Workshop(session: $0, room: $0.roomID.flatMap { rooms[$0] })
        }
        let link = registration.status == .confirmed && registration.mode == .online ? event.online.joinURL : nil
        let text = AttendeeCalendarRenderer.render(
            event: event, workshops: workshops, language: registration.language, link: link, generatedAt: Date())
        var headers = PageResponse.securityHeaders
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(event.slug).ics\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The registration the cookie opens, with its token; nil for anybody else.
    private func accessible(_ request: Request, _ context: AppRequestContext) async throws -> (Registration, String)? {
        guard let text = context.parameters.get("id"), let id = UUID(idText: text),
            let token = request.cookies[Self.manageCookie]?.value, ManageToken.isWellFormed(token)
        else { return nil }
        do {
            return (try await registrations.find(id: id, manageToken: token), token)
        } catch DomainError.notFound {
            return nil
        }
    }

    private func managePage(
        _ registration: Registration, event: Event, token: String, request: Request, notice: String?, errors: [String],
        browser: String, showLink: Bool = false
    ) async throws -> ManagePage {
        async let settings = registrations.settings(eventID: event.id)
        async let seats = seatCounts(eventID: event.id)
        async let sessions = schedule.sessions(eventID: event.id)
        let (modes, workshops) = try await seats
        let affiliationName = try await self.affiliationName(registration)
        var current = registration
        if current.status == .waitlisted {
            current.waitlistPosition = try await registrations.waitlistPosition(id: registration.id)
        }
        let certificate = try await CertificateStore(database: database).find(registrationID: registration.id)
        let allocations = AllocationStore(database: database)
        var page = ManagePage(
            registration: current, event: event, sessions: try await sessions, modeSeats: modes, workshopSeats: workshops,
            waitlist: try await settings?.waitlist ?? false, joinURL: event.online.joinURL,
            manageLink: showLink ? siteURL(request) + "/r/" + token : nil, affiliationName: affiliationName,
            csrf: try await guardian.token(purpose: Self.managePurpose(registration.id), browserSecret: browser),
            notice: notice, errors: errors,
            certificatePath: certificate.flatMap { $0.isValid ? "/c/" + $0.code : nil })
        page.workshopChoice = try await settings?.workshopChoice ?? WorkshopChoice()
        if page.workshopChoice.mode == .ranked {
            page.ranking = try await allocations.ranking(registrationID: registration.id)
        }
        page.allocated = try await allocations.applied(registrationID: registration.id)
        return page
    }

    /// Where links to this site start: the public URL when configured, else the address the
    /// browser used.
    func siteURL(_ request: Request) -> String {
        if let publicURL { return publicURL }
        let host = request.head.authority ?? "localhost"
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return scheme + "://" + host
    }

    /// The cookie that opens one registration's pages, and only those: its path is theirs.
    static func manageCookie(token: String, location: String) -> Cookie {
        let path = String(location.prefix { $0 != "?" })
        // A session cookie: on a shared computer the next user does not find the registration
        // open; the mailed link opens it again.
        return Cookie(name: manageCookie, value: token, path: path, secure: true, httpOnly: true, sameSite: .lax)
    }

    /// The affiliation as a person reads it: the collectivity's name in the attendee's language,
    /// or the text they gave.
    private func affiliationName(_ registration: Registration) async throws -> String? {
        switch registration.affiliation {
        case .collectivity(let code):
            let found = try await AttendanceStore(database: database).collectivities(
                search: code, kind: nil, parent: nil, limit: 5)
            return found.first { $0.code == code }.flatMap { registration.language.pick($0.name) } ?? code
        case .text(let text): return text
        case .organization, nil: return nil
        }
    }

    /// The attendee's own badge, to print on A6: the same badge as the organisers print, for one.
    func badge(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        // A PDF made on demand: limited per client, as the API's badges are.
        if let refusal = limited(request, context) { return refusal }
        guard let (registration, _) = try await accessible(request, context) else {
            return noAccess(request, PageLanguage(request: request, eventLanguages: []).language)
        }
        let id = registration.id.idText
        // A badge opens the door: only a confirmed registration has one.
        guard registration.status == .confirmed, registration.fullName != nil else {
            return PageResponse.redirect("/r/\(id)")
        }
        let event = try await events.find(registration.eventID.uuidString)
        let language = PageLanguage(request: request, eventLanguages: event.languages).language
        let sheet = try await BadgeService(database: database).sheet(
            event: event, language: language, layout: .a6, filter: .init(statuses: [.confirmed]), registration: registration.id)
        let pdf = try await BadgeService.pdf(sheet).data()
        var headers = PageResponse.securityHeaders
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = "attachment; filename=\"\(event.slug)-badge.pdf\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
    }

    /// Seats per attendance mode and per workshop, as the forms show them.
    private func seatCounts(eventID: UUID) async throws -> (modes: [AttendanceMode: SeatCount], workshops: [UUID: SeatCount]) {
        async let modeSeats = registrations.seats(eventID: eventID)
        async let workshopSeats = registrations.workshopSeats(eventID: eventID)
        var modes: [AttendanceMode: SeatCount] = [:]
        for seat in try await modeSeats { modes[seat.mode] = SeatCount(capacity: seat.capacity, taken: seat.taken) }
        var workshops: [UUID: SeatCount] = [:]
        for seat in try await workshopSeats { workshops[seat.session] = SeatCount(capacity: seat.capacity, taken: seat.taken) }
        return (modes, workshops)
    }

    /// The posted form, and why the guard refuses it if it does.
    private func postedForm(_ request: Request, purpose: String) async throws -> (input: FormInput, refusal: FormGuard.Refusal?) {
        let input = FormInput(urlEncoded: String(buffer: try await request.body.collect(upTo: Self.maxFormBody)))
        do {
            try await guardian.check(request, form: input["csrf"], purpose: purpose)
        } catch let refusal as FormGuard.Refusal {
            return (input, refusal)
        }
        return (input, nil)
    }

    // MARK: Refusals as pages

    /// A handler's failure as a page in the reader's language, never a problem document: a form
    /// too large, the database out of reach.
    func answer(
        _ request: Request, _ context: AppRequestContext,
        _ handler: (Request, AppRequestContext) async throws -> Response
    ) async -> Response {
        do {
            return try await handler(request, context)
        } catch {
            let language = PageLanguage(request: request, eventLanguages: []).language
            if let failure = error as? HTTPError, (400..<500).contains(Int(failure.status.code)) {
                let labels = PageLabels(language)
                return PageResponse.html(
                    MessagePage(
                        heading: labels["page.forbidden"], text: labels["page.unavailableText"], path: request.uri.path,
                        back: ("/", labels["page.home"])
                    ).render(language: language), status: failure.status)
            }
            context.logger.error(
                "page failed",
                metadata: [
                    "request_id": .string(context.requestID),
                    "route": .string(context.endpointPath ?? "-"), "error": .string(LogSafe.describe(error)),
                ])
            return unavailable(request, language)
        }
    }

    func limited(_ request: Request, _ context: AppRequestContext) -> Response? {
        guard let limiter else { return nil }
        let client = ClientAddress.resolve(
            peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor], trusted: trustedProxies)
        guard let wait = limiter.take(client) else { return nil }
        let language = PageLanguage(request: request, eventLanguages: []).language
        let labels = PageLabels(language)
        var response = PageResponse.html(
            MessagePage(
                heading: labels["page.tooMany"],
                text: labels["page.tooManyText"].replacingOccurrences(of: "{n}", with: String(wait)),
                path: request.uri.path
            ).render(language: language), status: .tooManyRequests)
        response.headers[.retryAfter] = String(wait)
        return response
    }

    func notFound(_ request: Request?) -> Response {
        let language = request.map { PageLanguage(request: $0, eventLanguages: []).language } ?? .ar
        let labels = PageLabels(language)
        return PageResponse.html(
            MessagePage(
                heading: labels["page.notFound"], text: labels["page.notFoundText"], path: "/", back: ("/", labels["page.home"])
            ).render(language: language), status: .notFound)
    }

    func forbidden(_ request: Request, _ language: Language) -> Response {
        let labels = PageLabels(language)
        return PageResponse.html(
            MessagePage(
                heading: labels["page.forbidden"], text: labels["page.forbiddenText"], path: "/", back: ("/", labels["page.home"])
            )
            .render(language: language), status: .forbidden)
    }

    private func noAccess(_ request: Request, _ language: Language) -> Response {
        let labels = PageLabels(language)
        return PageResponse.html(
            MessagePage(
                heading: labels["manage.title"], text: labels["manage.noAccess"], path: request.uri.path,
                back: ("/", labels["page.home"])
            )
            .render(language: language), status: .forbidden)
    }

    private func unavailable(_ request: Request, _ language: Language) -> Response {
        let labels = PageLabels(language)
        var response = PageResponse.html(
            MessagePage(heading: labels["page.unavailable"], text: labels["page.unavailableText"], path: request.uri.path)
                .render(language: language), status: .serviceUnavailable)
        response.headers[.retryAfter] = "2"
        return response
    }
}
