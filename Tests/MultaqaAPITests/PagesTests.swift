import Foundation
import HTTPTypes
import HummingbirdTesting
import MultaqaAPI
import MultaqaAPIClient
import MultaqaDomain
import MultaqaPages
import MultaqaTestSupport
import NIOCore
import Testing

/// The attendee's pages through the router, as a browser without JavaScript uses them: cookies
/// kept, forms posted as `application/x-www-form-urlencoded`. The same flows run in headless
/// Chromium in `Tests/Browser` (with the look and the accessibility checks).
@Suite("Public pages")
struct PagesTests {
    /// A browser's memory: its cookies, and the address it is on.
    final class Browser: @unchecked Sendable {
        let app: any TestClientProtocol
        var cookies: [String: String] = [:]
        var origin = "http://localhost"

        init(_ app: any TestClientProtocol) { self.app = app }

        @discardableResult
        func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
            var all = headers
            if let cookie = cookieHeader(for: uri) { all[.cookie] = cookie }
            let response = try await app.execute(uri: uri, method: .get, headers: all)
            keep(response)
            return response
        }

        @discardableResult
        func post(
            _ uri: String, _ fields: [(String, String)], origin: String? = nil, fetchSite: String? = nil,
            withCookies: Bool = true
        ) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            if let fetchSite { headers[HTTPField.Name("Sec-Fetch-Site")!] = fetchSite }
            headers[.origin] = origin ?? self.origin
            if withCookies, let cookie = cookieHeader(for: uri) { headers[.cookie] = cookie }
            let body = fields.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
            let response = try await app.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
            keep(response)
            return response
        }

        /// Cookies by their path: the manage cookie only reaches its registration's pages.
        private var paths: [String: String] = [:]

        private func cookieHeader(for uri: String) -> String? {
            let path = String(uri.prefix { $0 != "?" })
            let sent = cookies.filter { name, _ in path.hasPrefix(paths[name] ?? "/") }
            return sent.isEmpty ? nil : sent.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }

        private func keep(_ response: TestResponse) {
            for line in response.headers[values: .setCookie] {
                let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<equals])
                cookies[name] = String(pair[pair.index(after: equals)...])
                paths[name] = parts.first { $0.lowercased().hasPrefix("path=") }.map { String($0.dropFirst(5)) } ?? "/"
            }
        }

        static func encode(_ text: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-_.~")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
    }

    /// A hidden field's value in a page, in the first form after `marker` when given.
    static func hidden(_ name: String, in html: String, after marker: String? = nil) -> String? {
        let start = marker.flatMap { html.range(of: $0)?.upperBound } ?? html.startIndex
        guard let range = html.range(of: "name=\"\(name)\" value=\"", range: start..<html.endIndex) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func slug(_ api: Client, _ event: String) async throws -> String {
        try await api.getEvent(path: .init(eventId: event)).ok.body.json.slug
    }

    static func registrationCount(_ api: Client, _ event: String) async throws -> Int {
        try await api.listRegistrations(path: .init(eventId: event), query: .init(limit: 200)).ok.body.json.items.count
    }

    static func form(
        _ browser: Browser, slug: String, name: String, email: String, workshop: String?, extra: [(String, String)] = []
    )
        async throws -> (fields: [(String, String)], page: String)
    {
        let page = try await browser.get("/e/\(slug)/register?lang=ar").text
        var fields: [(String, String)] = [
            ("form_id", hidden("form_id", in: page) ?? ""), ("csrf", hidden("csrf", in: page) ?? ""), ("full_name", name),
            ("email", email), ("phone", ""), ("category", "elected_official"), ("position", ""), ("region", ""),
            ("collectivity", ""), ("mode", "in_person"), ("language", "ar"), ("consent", "yes"),
        ]
        if let workshop { fields.append(("workshop_1", workshop)) }
        fields += extra
        return (fields, page)
    }

    @Test("every category, mode, format, role, status and kind has its words in each language")
    func labelsComplete() {
        for language in Language.allCases {
            let labels = PageLabels(language)
            var missing: [String] = []
            func check(_ key: String, _ text: String) { if text == key || text.isEmpty { missing.append(key) } }
            for value in AttendeeCategory.allCases { check("category." + value.rawValue, labels.category(value)) }
            for value in AttendanceMode.allCases { check("mode." + value.rawValue, labels.mode(value)) }
            for value in Event.Format.allCases { check("format." + value.rawValue, labels.format(value)) }
            for value in Partner.Role.allCases { check("partner." + value.rawValue, labels.partnerRole(value)) }
            for value in Participant.Role.allCases { check("participant." + value.rawValue, labels.participantRole(value)) }
            for value in Session.Kind.allCases { check("session." + value.rawValue, labels.sessionKind(value)) }
            for value in RegistrationStatus.allCases { check("status." + value.rawValue, labels.status(value)) }
            for value in MediaLink.Kind.allCases { check("link." + value.rawValue, labels.linkKind(value)) }
            for value in Recommendation.Status.allCases {
                check("recommendation." + value.rawValue, labels.recommendationStatus(value))
            }
            #expect(missing.isEmpty, "no words in \(language.rawValue) for \(missing)")
        }
    }

    @Test(
        "the event page in Arabic: right to left, the programme with its workshops, cached by version and fresh after an edit",
        .isolatedDatabase)
    func eventPage() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let slug = try await Self.slug(api, forum.event)
            let browser = Browser(app)
            let first = try await browser.get("/e/\(slug)", headers: [.acceptLanguage: "ar-MA,ar;q=0.9,fr;q=0.5"])
            #expect(first.status == .ok)
            #expect(first.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(first.text.contains("المنتدى البرلماني للجهات") && first.text.contains("ورشة التمويل"))
            #expect(first.text.contains("id=\"register\""))
            #expect(first.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            #expect(first.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            let etag = try #require(first.headers[.eTag])
            let again = try await browser.get("/e/\(slug)", headers: [.acceptLanguage: "ar", .ifNoneMatch: etag])
            #expect(again.status == .notModified)
            // French by the switch, remembered by a cookie on the next page.
            let french = try await browser.get("/e/\(slug)?lang=fr")
            #expect(french.text.contains("<html lang=\"fr\" dir=\"ltr\">") && french.text.contains("Forum des régions"))
            #expect(try await browser.get("/e/\(slug)/register").text.contains("<html lang=\"fr\""))
            // An edit shows at once, in every language.
            _ = try await api.updateSession(
                path: .init(eventId: forum.event, sessionId: forum.workshops[0]),
                body: .json(.init(title: .init(ar: "ورشة التمويل المحلي")))
            ).ok
            let edited = try await browser.get("/e/\(slug)?lang=ar")
            #expect(edited.text.contains("ورشة التمويل المحلي"))
            #expect(try await browser.get("/e/no-such-event").status == .notFound)
        }
    }

    @Test(
        "the page follows what it shows: an adopted recommendation appears, registration settings change the button",
        .isolatedDatabase)
    func pageFollowsItsSources() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let meeting = try await Fixtures.agadirMeeting(using: api)
            let slug = try await Self.slug(api, meeting.event)
            let browser = Browser(app)
            let before = try await browser.get("/e/\(slug)?lang=ar")
            #expect(before.status == .ok && !before.text.contains("class=\"recommendations\""))
            let text = "نشر نتائج تقييم أداء الجماعات سنويا"
            let created = try await api.createRecommendation(
                path: .init(eventId: meeting.event),
                body: .json(.init(sessionId: meeting.workshops[0], text: .init(ar: text)))
            ).created.body.json
            let move = Operations.TransitionRecommendation.Input.Path(recommendationId: created.id)
            _ = try await api.transitionRecommendation(path: move, body: .json(.init(to: .submitted))).ok
            // Submitted is not public yet.
            #expect(!(try await browser.get("/e/\(slug)?lang=ar").text.contains(text)))
            _ = try await api.transitionRecommendation(path: move, body: .json(.init(to: .adopted))).ok
            let after = try await browser.get("/e/\(slug)?lang=ar")
            #expect(after.text.contains(text) && after.headers[.eTag] != before.headers[.eTag])

            // Registration that opens next week: no button yet, and the date it opens.
            let forum = try await Fixtures.saidiaForum(using: api)
            let forumSlug = try await Self.slug(api, forum.event)
            #expect(try await browser.get("/e/\(forumSlug)").text.contains("id=\"register\""))
            let settings = try await api.getRegistrationSettings(path: .init(eventId: forum.event)).ok.body.json
            _ = try await api.putRegistrationSettings(
                path: .init(eventId: forum.event),
                body: .json(
                    .init(
                        opensAt: Date().addingTimeInterval(7 * 86_400), approvalRequired: settings.approvalRequired,
                        capacities: settings.capacities.map { .init(mode: $0.mode, capacity: $0.capacity) }))
            ).ok
            let later = try await browser.get("/e/\(forumSlug)?lang=fr")
            #expect(!later.text.contains("id=\"register\"") && later.text.contains("Les inscriptions ouvrent le"))
            let form = try await browser.get("/e/\(forumSlug)/register")
            #expect(!form.text.contains("id=\"registration\""))
        }
    }

    @Test(
        "registering through the form: an Arabic name, the answer with the check-in code, a double submit registers once",
        .isolatedDatabase)
    func registerThroughTheForm() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let slug = try await Self.slug(api, forum.event)
            let browser = Browser(app)
            let name = "فاطمة الزهراء بنعلي"
            let (fields, page) = try await Self.form(
                browser, slug: slug, name: name, email: "fz@example.ma", workshop: forum.workshops[0])
            #expect(page.contains("name=\"workshop_1\"") && page.contains("name=\"workshop_2\""))
            let sent = try await browser.post("/e/\(slug)/register", fields)
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers[.location])
            #expect(location.hasPrefix("/r/") && !location.contains("reg_"))
            let cookie = try #require(sent.headers[values: .setCookie].first { $0.hasPrefix("mlq_m=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Lax"))
            let answer = try await browser.get(location)
            #expect(answer.status == .ok)
            #expect(answer.text.contains("data-status=\"confirmed\"") && answer.text.contains(name))
            #expect(answer.text.contains("id=\"checkin-code\""))
            #expect(answer.headers[.cacheControl] == "no-store")
            // The same form sent again (a double click) finds the first registration.
            let twice = try await browser.post("/e/\(slug)/register", fields)
            #expect(twice.status == .seeOther && twice.headers[.location] == location)
            #expect(try await Self.registrationCount(api, forum.event) == 1)
            // The manage link opens the page from another browser and leaves the address bar.
            let link = try #require(
                answer.text.range(of: "/r/reg_").map { range in
                    String(answer.text[range.lowerBound...].prefix { $0 != "\"" })
                })
            let other = Browser(app)
            let opened = try await other.get(link)
            #expect(opened.status == .seeOther && opened.headers[.location] == String(location.prefix { $0 != "?" }))
            // That browser never saw the form, yet may change the registration at once.
            let managed = try await other.get(String(location.prefix { $0 != "?" })).text
            let change = try await other.post(
                String(location.prefix { $0 != "?" }) + "/change",
                [
                    ("csrf", try #require(Self.hidden("csrf", in: managed))), ("mode", "in_person"),
                    ("workshop_1", forum.workshops[1]), ("language", "fr"),
                ])
            #expect(change.status == .seeOther && change.headers[.location]?.hasSuffix("?n=saved") == true)
            // The attendee's own badge, on A6, from the same HTML-to-PDF path as the reports.
            let badge = try await other.get(String(location.prefix { $0 != "?" }) + "/badge.pdf")
            #expect(badge.status == .ok && badge.headers[.contentType] == "application/pdf")
            #expect(String(buffer: badge.body).hasPrefix("%PDF"))
            let calendar = try await other.get(String(location.prefix { $0 != "?" }) + "/calendar.ics")
            #expect(calendar.headers[.contentType]?.hasPrefix("text/calendar") == true && calendar.text.contains("BEGIN:VEVENT"))
            // Lost the link: the form below the registration form sends a new one, and says the same
            // whatever the address.
            let resendToken = try #require(Self.hidden("csrf", in: page, after: "id=\"resend\""))
            for address in ["fz@example.ma", "nobody@example.ma"] {
                let resent = try await browser.post("/e/\(slug)/resend", [("csrf", resendToken), ("email", address)])
                #expect(resent.status == .ok && resent.text.contains("id=\"main\""))
            }
            #expect(
                try await browser.post("/e/\(slug)/resend", [("csrf", "forged"), ("email", "fz@example.ma")]).status == .forbidden
            )
            // Without the cookie, nothing of the registration shows.
            let stranger = try await Browser(app).get(String(location.prefix { $0 != "?" }))
            #expect(stranger.status == .forbidden && !stranger.text.contains(name))
        }
    }

    @Test("a form with errors comes back with each message by its field and what was typed kept", .isolatedDatabase)
    func errorsByTheirFields() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let slug = try await Self.slug(api, forum.event)
            let browser = Browser(app)
            var (fields, _) = try await Self.form(browser, slug: slug, name: " ", email: "not-an-address", workshop: nil)
            fields = fields.filter { $0.0 != "consent" && $0.0 != "phone" } + [("phone", "0612345678")]
            let answer = try await browser.post("/e/\(slug)/register?lang=fr", fields)
            #expect(answer.status == .unprocessableContent)
            for field in ["full_name", "email", "consent"] {
                #expect(answer.text.contains("id=\"error-\(field)\""), "no message by \(field)")
            }
            #expect(answer.text.contains("value=\"not-an-address\"") && answer.text.contains("value=\"0612345678\""))
            #expect(answer.text.contains("id=\"errors\""))
            #expect(try await Self.registrationCount(api, forum.event) == 0)
        }
    }

    @Test("when full, the form says so and the attendee joins the waiting list with a position", .isolatedDatabase)
    func waitlist() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 1)
            let slug = try await Self.slug(api, forum.event)
            let first = Browser(app)
            let (fields, _) = try await Self.form(
                first, slug: slug, name: "Amina Alaoui", email: "amina@example.ma", workshop: nil)
            #expect(try await first.post("/e/\(slug)/register", fields).status == .seeOther)
            let second = Browser(app)
            let (more, page) = try await Self.form(
                second, slug: slug, name: "Youssef Idrissi", email: "youssef@example.ma", workshop: nil)
            #expect(page.contains("class=\"waitlist\""))
            let sent = try await second.post("/e/\(slug)/register", more)
            let answer = try await second.get(try #require(sent.headers[.location]))
            #expect(answer.text.contains("data-status=\"waitlisted\"") && answer.text.contains("data-position=\"1\""))
        }
    }

    @Test(
        "a cross-site post and a post without the form's token are refused and register nobody; the token is in no log line",
        .isolatedDatabase)
    func forgery() async throws {
        let token = try await makeToken(.organizer)
        let logs = CapturedLogs()
        try await withTestApp(logger: logs.logger) { app in
            let api = Client(app, token: token)
            let forum = try await Fixtures.saidiaForum(using: api)
            let slug = try await Self.slug(api, forum.event)
            let browser = Browser(app)
            let (fields, _) = try await Self.form(
                browser, slug: slug, name: "Amina Alaoui", email: "amina@example.ma", workshop: nil)
            #expect(try await browser.post("/e/\(slug)/register", fields, origin: "http://evil.example").status == .forbidden)
            let attacker = Browser(app)
            #expect(try await attacker.post("/e/\(slug)/register", fields).status == .forbidden)
            #expect(try await browser.post("/e/\(slug)/register", fields.filter { $0.0 != "csrf" }).status == .forbidden)
            #expect(try await browser.post("/e/\(slug)/register", fields, fetchSite: "cross-site").status == .forbidden)
            #expect(try await Self.registrationCount(api, forum.event) == 0)
            // Then a real registration as a browser sends it from our page (which sends no
            // referrer, hence `Origin: null`), its manage link followed, its cancellation confirmed.
            let sent = try await browser.post("/e/\(slug)/register", fields, origin: "null", fetchSite: "same-origin")
            #expect(sent.status == .seeOther)
            let answer = try #require(sent.headers[.location])
            let location = String(answer.prefix { $0 != "?" })
            let page = try await browser.get(answer).text
            // The link is shown once, on the answer; later the page keeps it out of sight.
            #expect(!(try await browser.get(location).text.contains("/r/reg_")))
            let link = try #require(page.range(of: "/r/reg_").map { String(page[$0.lowerBound...].prefix { $0 != "\"" }) })
            #expect(try await Browser(app).get(link).status == .seeOther)
            let confirm = try await browser.get(location + "/cancel").text
            let csrf = try #require(Self.hidden("csrf", in: confirm))
            #expect(try await browser.post(location + "/cancel", [("csrf", csrf)]).status == .seeOther)
            #expect(try await browser.get(location).text.contains("data-status=\"cancelled\""))
            let secret = String(link.dropFirst(3))
            #expect(!logs.all.contains { $0.contains(secret) }, "a log line carries the manage token")
            #expect(logs.all.contains { $0.contains("path=/r/{token}") })
            _ = try await Browser(app).get(link + "/mangled")
            #expect(!logs.all.contains { $0.contains(secret) }, "a mangled link reached the log")
        }
    }
}
