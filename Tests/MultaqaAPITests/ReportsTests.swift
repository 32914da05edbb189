import Foundation
import HTTPTypes
import HummingbirdTesting
import MultaqaAPIClient
import MultaqaDomain
import MultaqaReports
import MultaqaTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The recommendations report in every format, read back by a reader of that format.
@Suite("Reports")
struct ReportsTests {
    static let arabic = "إرساء نظام معلوماتي موحد لتتبع مؤشرات أداء الجماعات"
    static let french = "Publier chaque année les résultats de l'évaluation"

    /// Seed 004 with two adopted recommendations (Arabic, French) and a draft.
    static func setUp(_ api: TestAPI) async throws -> String {
        let client = Client(api.client, token: api.token)
        let meeting = try await Fixtures.agadirMeeting(using: client)
        let texts: [Components.Schemas.LocalizedText] = [
            .init(ar: arabic), .init(ar: "نشر نتائج التقييم سنويا", fr: french), .init(fr: "Brouillon interne"),
        ]
        for (workshop, text) in texts.enumerated() {
            let created = try await client.createRecommendation(
                path: .init(eventId: meeting.event),
                body: .json(
                    .init(sessionId: meeting.workshops[workshop], text: text, axis: "تقييم الأداء", ownerId: meeting.owner)))
            #expect(Answer.statusCode(created) == 201, "\(created)")
            if workshop < 2 {
                let id = try created.created.body.json.id
                for step in [Components.Schemas.RecommendationStatus.submitted, .adopted] {
                    let moved = try await client.transitionRecommendation(
                        path: .init(recommendationId: id), body: .json(.init(to: step)))
                    #expect(Answer.statusCode(moved) == 200)
                }
            }
        }
        return meeting.event
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        try ExternalProgram.run(executable, arguments).output
    }

    @Test("HTML, Markdown, CSV and JSON: right-to-left Arabic, numbered items, the public's view", .isolatedDatabase)
    func textFormats() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let event = try await Self.setUp(api)
            let base = "/v1/events/\(event)/reports/recommendations"
            let html = try await api.anonymous().get("\(base)?format=html&lang=ar")
            #expect(html.status == .ok)
            #expect(html.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(html.body.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(html.body.contains("R-01") && html.body.contains("R-02") && !html.body.contains("R-03"))
            #expect(html.body.contains(Self.arabic))
            #expect(!html.body.contains("Brouillon interne"))
            #expect(html.headers[.contentDisposition]?.contains("recommendations-ar.html") == true)
            // Organisers see every status; bilingual puts both languages side by side.
            let both = try await api.get("\(base)?format=html&lang=ar+fr")
            #expect(
                both.body.contains("Brouillon interne") && both.body.contains("Publier chaque année les résultats")
                    && both.body.contains("نشر نتائج التقييم سنويا"))
            #expect(both.body.contains(#"lang="fr" dir="ltr""#))
            let markdown = try await api.anonymous().get("\(base)?format=md&lang=fr")
            #expect(markdown.body.hasPrefix("# Recommandations"))
            #expect(markdown.body.contains("| R-02 |"))
            let csv = try await api.anonymous().get("\(base)?format=csv&lang=ar")
            #expect(csv.body.hasPrefix("\u{FEFF}"))
            let rows = CSV.parse(csv.body)
            #expect(rows.count == 3)
            #expect(rows.contains { $0.contains(Self.arabic) })
            let json = try await api.anonymous().get("\(base)?format=json&lang=fr")
            #expect(json.json["report"] as? String == "recommendations")
            #expect((json.json["sections"] as? [[String: Any]])?.isEmpty == false)
            let program = try await api.anonymous().get("/v1/events/\(event)/reports/program?format=md&lang=ar")
            #expect(program.status == .ok && program.body.contains("تقوية القدرات"))
            #expect(try await api.get("\(base)?lang=de").status == .unprocessableContent)
        }
    }

    @Test("PDF read back by pdftotext and DOCX by pandoc keep the Arabic words", .isolatedDatabase)
    func documents() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let event = try await Self.setUp(api)
            let base = "/v1/events/\(event)/reports/recommendations"
            for format in ["pdf", "docx"] {
                let reply = try await client.execute(
                    uri: "\(base)?format=\(format)&lang=ar", method: .get, headers: [.authorization: "Bearer \(organizer)"]
                ) { response in response }
                #expect(reply.status == .ok, "\(format): \(String(buffer: reply.body))")
                let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "multaqa-report-\(UUID().uuidString).\(format)")
                try Data(buffer: reply.body).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let text: String
                if format == "pdf" {
                    #expect(Data(buffer: reply.body).prefix(5) == Data("%PDF-".utf8))
                    text = try Self.run("/usr/bin/pdftotext", ["-enc", "UTF-8", file.path, "-"])
                } else {
                    text = try Self.run("/usr/bin/pandoc", ["--from=docx", "--to=plain", file.path])
                }
                try? FileManager.default.removeItem(atPath: "/tmp/multaqa-last-report.\(format)")
                try? FileManager.default.copyItem(at: file, to: URL(fileURLWithPath: "/tmp/multaqa-last-report.\(format)"))
                // The words of the Arabic recommendation and its number.
                for word in ["إرساء", "معلوماتي", "مؤشرات", "الجماعات", "R-01"] {
                    // pdftotext writes right-to-left runs in visual order: the word, reversed.
                    #expect(
                        text.contains(word) || text.contains(String(word.reversed())),
                        "\(format) should contain \(word): \(text.prefix(400))")
                }
            }
        }
    }

    // MARK: A realistic meeting, read back from its PDF

    /// The recommendations of a meeting as organisers write them: Arabic, with names, acronyms,
    /// decree numbers, percentages and years in Latin script and digits, some translated into
    /// French; an axis in Arabic only, one in French only, one missing.
    static let recommendations: [(workshop: Int, ar: String, fr: String?, axis: String?)] = [
        (
            0, "ربط التحفيزات المالية بنتائج تقييم الأداء السنوي للجماعات",
            "Lier les incitations financières aux résultats de l'évaluation annuelle", "تقييم الأداء والتحفيز"
        ),
        (0, "نشر نتائج تقييم أداء الجماعات سنويا على البوابة الوطنية للجماعات الترابية", nil, "تقييم الأداء والتحفيز"),
        (
            0, "تبسيط دليل مؤشرات الأداء وتكييفه مع الجماعات القروية وفق المرسوم رقم 2.17.451",
            "Simplifier le guide des indicateurs pour les communes rurales", "Gouvernance et transparence"
        ),
        (
            1, "رقمنة 100 % من المساطر الإدارية عبر منصة Chikaya قبل نهاية سنة 2025",
            "Dématérialiser 100 % des procédures via la plateforme Chikaya avant 2025", "التعاون والتحول الرقمي"
        ),
        (1, "تعميم نظام GID للتدبير المندمج للنفقات على 1590 جماعة ترابية", nil, "التعاون والتحول الرقمي"),
        (
            1, "إحداث منصة لتبادل التجارب الناجحة بين الجماعات في إطار برنامج PACT",
            "Créer une plateforme d'échange d'expériences (programme PACT)", nil
        ),
        (
            2, "تقوية الكفاءات في تدبير المشاريع وإبرام الصفقات العمومية",
            "Renforcer les compétences en gestion de projets et en marchés publics", "بناء القدرات"
        ),
        (2, "وضع مخطط سنوي لتكوين المنتخبين والموظفين الجماعيين (2023-2027) بشراكة مع AFD", nil, "بناء القدرات"),
        (
            2, "تكوين 500 إطار جماعي على تعبئة المؤشرات عبر منصة e-learning",
            "Former 500 cadres communaux au renseignement des indicateurs", "بناء القدرات"
        ),
    ]

    /// Seed 004's meeting as a hybrid one: a cover with two dates, a venue and a platform, partners
    /// named in Arabic, French or both, three workshops (the last titled in Arabic only) with their
    /// coordinators and rapporteurs, and the recommendations above, adopted, some under way.
    static func setUpRealisticMeeting(_ api: TestAPI) async throws -> String {
        let event = try await api.post(
            "/v1/events",
            #"""
            {"slug": "agadir-performance-2022", "kind": "meeting", "format": "hybrid",
             "title": {"ar": "لقاء تواصلي حول برنامج تحسين أداء الجماعات", "fr": "Rencontre sur le programme d'amélioration de la performance des communes"},
             "timezone": "Africa/Casablanca", "startsAt": "2022-03-25T08:00:00Z", "endsAt": "2022-03-26T17:00:00Z",
             "venue": {"name": "Palais des congrès", "city": "Agadir"}, "online": {"platform": "Zoom"}}
            """#)
        #expect(event.status == .created, "\(event.body)")
        var organizations: [String] = []
        let partners = [
            (
                #"{"ar": "المديرية العامة للجماعات الترابية", "fr": "Direction générale des collectivités territoriales"}"#,
                "ministry", "organizer"
            ),
            (#"{"ar": "البنك الدولي", "fr": "Banque mondiale", "en": "World Bank"}"#, "international_organisation", "funder"),
            (#"{"fr": "Cités Unies France"}"#, "association", "co_organizer"),
            (#"{"ar": "جمعية رؤساء مجالس الجهات"}"#, "association", "co_organizer"),
        ]
        for (order, (name, kind, role)) in partners.enumerated() {
            let organization = try await api.post("/v1/organizations", #"{"name": \#(name), "kind": "\#(kind)"}"#)
            #expect(organization.status == .created, "\(organization.body)")
            organizations.append(organization.id)
            let partner = try await api.put(
                "/v1/events/\(event.id)/partners/\(organization.id)", #"{"role": "\#(role)", "displayOrder": \#(order)}"#)
            #expect(partner.status == .ok, "\(partner.body)")
        }
        let titles = [
            #"{"ar": "تطوير نظام تقييم أداء الجماعات المستهدفة وتحفيزها", "fr": "Système d'évaluation de la performance des communes"}"#,
            #"{"ar": "تعزيز التعاون بين الجماعات الترابية", "fr": "Coopération entre collectivités territoriales"}"#,
            #"{"ar": "تقوية القدرات"}"#,
        ]
        var workshops: [String] = []
        for (index, title) in titles.enumerated() {
            let session = try await api.post(
                "/v1/events/\(event.id)/sessions",
                #"{"kind": "workshop", "title": \#(title), "startsAt": "2022-03-25T1\#(index + 3):00:00Z", "endsAt": "2022-03-25T1\#(index + 3):50:00Z"}"#
            )
            #expect(session.status == .created, "\(session.body)")
            workshops.append(session.id)
            for (role, name) in [
                ("coordinator", #"{"ar": "منسق الورشة \#(index + 1)", "fr": "Coordination de l'atelier \#(index + 1)"}"#),
                ("rapporteur", #"{"fr": "Rapporteur de l'atelier \#(index + 1)"}"#),
            ] {
                let person = try await api.post("/v1/people", #"{"fullName": \#(name)}"#)
                #expect(
                    try await api.put(
                        "/v1/events/\(event.id)/sessions/\(session.id)/participants/\(person.id)", #"{"role": "\#(role)"}"#
                    ).status == .ok)
            }
        }
        #expect(try await api.patch("/v1/events/\(event.id)", #"{"status": "published"}"#).status == .ok)
        for (index, item) in recommendations.enumerated() {
            let text = item.fr.map { #"{"ar": "\#(item.ar)", "fr": "\#($0)"}"# } ?? #"{"ar": "\#(item.ar)"}"#
            let axis = item.axis.map { #", "axis": "\#($0)""# } ?? ""
            let created = try await api.post(
                "/v1/events/\(event.id)/recommendations",
                #"{"sessionId": "\#(workshops[item.workshop])", "text": \#(text)\#(axis), "ownerId": "\#(organizations[0])", "actorIds": ["\#(organizations[index % 4])"], "actorKinds": ["commune", "state"], "dueDate": "2024-06-30"}"#
            )
            #expect(created.status == .created, "\(created.body)")
            for move in [#"{"to": "submitted"}"#, #"{"to": "adopted"}"#]
                + (index % 3 == 0 ? [#"{"to": "in_progress", "progress": 25}"#] : [])
            {
                let moved = try await api.post("/v1/recommendations/\(created.id)/transitions", move)
                #expect(moved.status == .ok, "\(moved.body)")
            }
        }
        return event.id
    }

    /// The runs of letters and digits of a text, each written in one script: what a reader of the
    /// PDF's text searches for and copies. Spaces and punctuation are left out, because pdftotext
    /// places the punctuation between an Arabic and a Latin run by its own reading-order guess
    /// (":19" for "19:"); a run cut in two, or with a wrong letter, is not the same run.
    static func runs(_ text: String) -> [String] {
        var runs: [String] = []
        var current = ""
        var currentArabic = false
        for scalar in text.unicodeScalars {
            let digit = CharacterSet.decimalDigits.contains(scalar)
            let letter = CharacterSet.letters.contains(scalar) || CharacterSet.nonBaseCharacters.contains(scalar)
            let arabic =
                letter && !digit
                && [0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF].contains { $0.contains(scalar.value) }
            let latin = !arabic && (letter || digit)
            if arabic || latin, current.isEmpty || arabic == currentArabic {
                current.unicodeScalars.append(scalar)
                currentArabic = arabic
                continue
            }
            if !current.isEmpty { runs.append(current) }
            current = arabic || latin ? String(scalar) : ""
            currentArabic = arabic
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Which of `texts` lose a run in the PDF's text, and which runs: each run must be found whole
    /// (or reversed, as pdftotext may write right-to-left text in visual order).
    static func missing(_ texts: [String], in extracted: String) -> [String: [String]] {
        let found = Set(runs(extracted))
        var missing: [String: [String]] = [:]
        for text in texts {
            let lost = runs(text).filter { !found.contains($0) && !found.contains(String($0.reversed())) }
            if !lost.isEmpty { missing[text] = lost }
        }
        return missing
    }

    static func pdf(_ client: any TestClientProtocol, _ token: String, _ uri: String) async throws -> URL {
        let reply = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { $0 }
        #expect(reply.status == .ok, "\(String(buffer: reply.body))")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-report-\(UUID().uuidString).pdf")
        try Data(buffer: reply.body).write(to: file)
        return file
    }

    @Test(
        "every recommendation's Arabic text is in the PDF's text layer, in the Arabic and the bilingual report", .isolatedDatabase
    )
    func arabicTextLayer() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let event = try await Self.setUpRealisticMeeting(api)
            for lang in ["ar", "ar+fr"] {
                let file = try await Self.pdf(
                    client, organizer, "/v1/events/\(event)/reports/recommendations?format=pdf&lang=\(lang)")
                defer { try? FileManager.default.removeItem(at: file) }
                let text = try Self.run("/usr/bin/pdftotext", ["-enc", "UTF-8", file.path, "-"])
                let missing = Self.missing(Self.recommendations.map(\.ar), in: text)
                let found = Self.recommendations.count - missing.count
                #expect(
                    missing.isEmpty,
                    "\(lang): \(found) of \(Self.recommendations.count) recommendations found whole; lost: \(missing)")
            }
        }
    }

    /// Where pictures of the reports' pages are written, for a person to look at.
    static let pictures = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-report-pages")

    /// The words' boxes in a PDF, from `pdftotext -bbox`: page, text and position in points.
    static func boxes(
        _ pdf: URL
    ) throws -> (width: Double, words: [(page: Int, text: String, xMin: Double, yMin: Double, xMax: Double)]) {
        let xhtml = try run("/usr/bin/pdftotext", ["-bbox", "-enc", "UTF-8", pdf.path, "-"])
        var width = 0.0
        var page = 0
        var words: [(Int, String, Double, Double, Double)] = []
        for line in xhtml.split(separator: "\n") {
            if let match = line.firstMatch(of: /<page width="([0-9.]+)"/) {
                width = Double(match.1) ?? 0
                page += 1
            } else if let match = line.firstMatch(
                of: /<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="[0-9.]+">(.*)<\/word>/)
            {
                words.append((page, String(match.4), Double(match.1) ?? 0, Double(match.2) ?? 0, Double(match.3) ?? 0))
            }
        }
        return (width, words)
    }

    @Test(
        "the bilingual report sets each text in its own language and direction, the two side by side; a text in one language is shown once, marked",
        .isolatedDatabase)
    func bilingualLayout() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let event = try await Self.setUpRealisticMeeting(api)
            let base = "/v1/events/\(event)/reports/recommendations"
            let html = try await api.get("\(base)?format=html&lang=ar+fr")
            #expect(html.status == .ok)

            // The HTML: every heading and paragraph is a block of one language with its own
            // direction, the Arabic one paired with a French one.
            let document = try XMLDocument(xmlString: html.body, options: [.documentTidyHTML])
            let blocks = try document.nodes(forXPath: "//body//h1 | //body//h2 | //body//h3 | //body//p").compactMap {
                $0 as? XMLElement
            }
            #expect(blocks.count > 10)
            for block in blocks {
                let lang = block.attribute(forName: "lang")?.stringValue
                let dir = block.attribute(forName: "dir")?.stringValue
                #expect(
                    (lang == "ar" && dir == "rtl") || (lang == "fr" && dir == "ltr"),
                    "a block of one language: \(block.xmlString)")
            }
            for level in ["h1", "h2", "h3", "p"] {
                let arabic = try document.nodes(forXPath: "//body//\(level)[@lang='ar']").count
                let french = try document.nodes(forXPath: "//body//\(level)[@lang='fr']").count
                #expect(arabic > 0 && arabic == french, "\(level): as many French blocks as Arabic ones")
            }
            // No French block carries Arabic script, and the partners' line no Latin name in
            // Arabic: a name written in one language only is marked in the other column.
            for block in blocks where block.attribute(forName: "lang")?.stringValue == "fr" {
                let text = block.stringValue ?? ""
                #expect(
                    !text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "Arabic in a French block: \(text)")
            }
            let partners = try document.nodes(forXPath: "//body//p[@lang='ar'][contains(., 'المنظمون')]").first?.stringValue ?? ""
            #expect(
                partners.contains("البنك الدولي") && partners.contains("جمعية رؤساء مجالس الجهات") && !partners.contains("Cités"),
                "\(partners)")
            #expect(partners.contains("بالفرنسية فقط"), "\(partners)")
            // An axis written in Arabic only: printed once, and the French heading says so.
            #expect(html.body.components(separatedBy: "التعاون والتحول الرقمي").count - 1 == 1)
            let axis = try document.nodes(forXPath: "//body//h3[@lang='fr'][contains(., 'Axe')]").map { $0.stringValue ?? "" }
            #expect(axis.contains { $0.contains("en arabe seulement") }, "\(axis)")
            // The workshop titled in Arabic only, likewise.
            let workshop = try document.nodes(forXPath: "//body//h2[@lang='ar'][.='تقوية القدرات']/following-sibling::h2[1]")
                .first?.stringValue
            #expect(workshop?.contains("en arabe seulement") == true, "\(workshop ?? "no French heading beside the Arabic one")")
            // In the tables, each cell's texts are blocks of their own too, Arabic first.
            let cells = try document.nodes(forXPath: "//td[div[@lang='ar']]").compactMap { $0 as? XMLElement }
            #expect(!cells.isEmpty)
            for cell in cells {
                let parts = (cell.children ?? []).compactMap { $0 as? XMLElement }
                #expect(parts.map { $0.attribute(forName: "dir")?.stringValue } == ["rtl", "ltr"], "\(cell.xmlString)")
            }

            // The PDF: each language's block in its own half of the page, on the same line as its
            // pair; nothing of one language on the other's side.
            let file = try await Self.pdf(client, organizer, "\(base)?format=pdf&lang=ar+fr")
            defer { try? FileManager.default.removeItem(at: file) }
            let (width, words) = try Self.boxes(file)
            let middle = width / 2
            func box(_ word: String) -> (page: Int, text: String, xMin: Double, yMin: Double, xMax: Double)? {
                words.first { $0.text == word || $0.text == String(word.reversed()) }
            }
            for (arabic, french) in [
                ("التوصيات", "Recommandations"), ("التاريخ:", "Dates:"), ("الصيغة:", "Format:"), ("المنظمون", "Organisateurs"),
                ("ملخص", "Synthèse"), ("نسبة", "Part"), ("تطوير", "Système"), ("المحور:", "Axe:"),
            ] {
                guard let right = box(arabic), let left = box(french) else {
                    Issue.record("\(arabic) or \(french) not in the PDF's text")
                    continue
                }
                #expect(
                    right.xMin >= middle && left.xMax <= middle,
                    "\(arabic) on the right half, \(french) on the left: \(right) \(left)")
                #expect(
                    right.page == left.page && abs(right.yMin - left.yMin) < 12,
                    "\(arabic) and \(french) side by side: \(right) \(left)")
            }
            let text = try Self.run("/usr/bin/pdftotext", ["-enc", "UTF-8", file.path, "-"])
            #expect(!text.contains("%%"), "two languages' percentages run together")

            // Pictures of every page, of both reports, for a person to look at.
            try? FileManager.default.removeItem(at: Self.pictures)
            try FileManager.default.createDirectory(at: Self.pictures, withIntermediateDirectories: true)
            _ = try Self.run(
                "/usr/bin/pdftoppm", ["-r", "60", "-png", file.path, Self.pictures.appendingPathComponent("ar+fr-pdf").path])
            let arabicOnly = try await Self.pdf(client, organizer, "\(base)?format=pdf&lang=ar")
            defer { try? FileManager.default.removeItem(at: arabicOnly) }
            _ = try Self.run(
                "/usr/bin/pdftoppm", ["-r", "60", "-png", arabicOnly.path, Self.pictures.appendingPathComponent("ar-pdf").path])
            try Data(html.body.utf8).write(to: Self.pictures.appendingPathComponent("ar+fr.html"))
            // The HTML as a browser shows it, where one is installed.
            if let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first(
                where: FileManager.default.isExecutableFile)
            {
                _ = try Self.run(
                    "/usr/bin/timeout",
                    [
                        "120", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=1200,4000",
                        "--screenshot=\(Self.pictures.appendingPathComponent("ar+fr-html.png").path)",
                        Self.pictures.appendingPathComponent("ar+fr.html").absoluteString,
                    ])
            }
            let pages = try FileManager.default.contentsOfDirectory(atPath: Self.pictures.path).filter { $0.hasSuffix(".png") }
            #expect(pages.count >= 2)
            print("Report pages: \(pages.count) pictures in \(Self.pictures.path)")
        }
    }
}

@Suite("Attendance report")
struct AttendanceReportTests {
    @Test("organisers get counts and the participants, Arabic names intact; the public gets 401", .isolatedDatabase)
    func attendance() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let forum = try await Fixtures.saidiaForum(using: Client(client, token: organizer), inPerson: 10, online: 10)
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            let oujda = try await Client(client).createRegistration(
                path: path, body: .json(RegistrationsTests.body(1) { $0.affiliation = .init(collectivity: "MA-OUJ") }))
            #expect(Answer.statusCode(oujda) == 201)
            let press = try await Client(client).createRegistration(
                path: path, body: .json(RegistrationsTests.body(2, mode: .online, category: .press)))
            #expect(Answer.statusCode(press) == 201)
            let csv = try await api.get("/v1/events/\(forum.event)/reports/attendance?format=csv&lang=ar")
            #expect(csv.status == .ok, "\(csv.body)")
            let rows = CSV.parse(csv.body)
            #expect(rows.count == 3)
            #expect(rows.contains { $0.contains("مشارك تجريبي 1") && $0.contains("عمالة وجدة أنجاد") })
            let html = try await api.get("/v1/events/\(forum.event)/reports/attendance?format=html&lang=fr")
            #expect(html.body.contains("Par mode de participation") && html.body.contains("Oujda"))
            #expect(
                try await api.anonymous().get("/v1/events/\(forum.event)/reports/attendance?format=csv").status == .unauthorized)
        }
    }
}
