import Foundation
import MultaqaAPIClient
import MultaqaReports
import MultaqaTestSupport
import OpenAPIRuntime
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The recommendations report in every format, read back by a reader of that format.
@Suite("Reports")
struct ReportsTests {
    static let arabic = "إرساء نظام معلوماتي موحد لتتبع مؤشرات أداء الجماعات"
    static let french = "Publier chaque année les résultats de l'évaluation"

    /// The JSON report's fields this suite reads; the contract leaves the report's shape open.
    struct JSONReport: Decodable {
        let report: String
        let sections: [OpenAPIObjectContainer]
    }

    typealias Format = Operations.GetReport.Input.Query.FormatPayload

    /// A report of `event` in `format`, its bytes and file name. The client takes the body as the
    /// format asked only when the answer's Content-Type names that format, so reading it here
    /// checks the Content-Type as well.
    static func report(
        _ api: Client, _ event: String, _ format: Format, lang: String,
        report: Operations.GetReport.Input.Path.ReportPayload = .recommendations
    ) async throws -> (data: Data, contentDisposition: String) {
        let ok = try await api.getReport(
            path: .init(eventId: event, report: report), query: .init(format: format, lang: lang)
        ).ok
        let body: HTTPBody
        switch format {
        case .html: body = try ok.body.textHtmlCharsetUtf8
        case .md: body = try ok.body.textMarkdown
        case .csv: body = try ok.body.csv
        case .pdf: body = try ok.body.pdf
        case .docx: body = try ok.body.applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document
        case .json: body = HTTPBody(try JSONEncoder().encode(try ok.body.json))
        }
        return (try await Data(collecting: body, upTo: 32 << 20), ok.headers.contentDisposition)
    }

    /// A text report of `event` in `format` (html, md, csv, json).
    static func text(
        _ api: Client, _ event: String, _ format: Format, lang: String,
        report: Operations.GetReport.Input.Path.ReportPayload = .recommendations
    ) async throws -> String {
        String(decoding: try await Self.report(api, event, format, lang: lang, report: report).data, as: UTF8.self)
    }

    /// Seed 004 with two adopted recommendations (Arabic, French) and a draft.
    static func setUp(_ client: Client) async throws -> String {
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
        try await withTestApp { app in
            let api = Client(app, token: organizer)
            let anonymous = Client(app)
            let event = try await Self.setUp(api)
            let html = try await Self.report(anonymous, event, .html, lang: "ar")
            let page = String(decoding: html.data, as: UTF8.self)
            #expect(page.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(page.contains("R-01") && page.contains("R-02") && !page.contains("R-03"))
            #expect(page.contains(Self.arabic))
            #expect(!page.contains("Brouillon interne"))
            #expect(html.contentDisposition.contains("recommendations-ar.html"))
            // Organisers see every status; bilingual puts both languages side by side.
            let both = try await Self.text(api, event, .html, lang: "ar+fr")
            #expect(
                both.contains("Brouillon interne") && both.contains("Publier chaque année les résultats")
                    && both.contains("نشر نتائج التقييم سنويا"))
            #expect(both.contains(#"lang="fr" dir="ltr""#))
            let markdown = try await Self.text(anonymous, event, .md, lang: "fr")
            #expect(markdown.hasPrefix("# Recommandations"))
            #expect(markdown.contains("| R-02 |"))
            let csv = try await Self.text(anonymous, event, .csv, lang: "ar")
            #expect(csv.hasPrefix("\u{FEFF}"))
            let rows = CSV.parse(csv)
            #expect(rows.count == 3)
            #expect(rows.contains { $0.contains(Self.arabic) })
            let json = try await Self.report(anonymous, event, .json, lang: "fr")
            let decoded = try JSONDecoder().decode(JSONReport.self, from: json.data)
            #expect(decoded.report == "recommendations")
            #expect(!decoded.sections.isEmpty)
            let program = try await Self.text(anonymous, event, .md, lang: "ar", report: .program)
            #expect(program.contains("تقوية القدرات"))
            let german = try await api.getReport(
                path: .init(eventId: event, report: .recommendations), query: .init(lang: "de"))
            try expectProblem(in: german, status: 422)
        }
    }

    @Test("PDF read back by pdftotext and DOCX by pandoc keep the Arabic words", .isolatedDatabase)
    func documents() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: organizer)
            let event = try await Self.setUp(api)
            for format in [Format.pdf, .docx] {
                let bytes = try await Self.report(api, event, format, lang: "ar").data
                let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "multaqa-report-\(UUID().uuidString).\(format.rawValue)")
                try bytes.write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let text: String
                if format == .pdf {
                    #expect(bytes.prefix(5) == Data("%PDF-".utf8))
                    text = try Self.run("/usr/bin/pdftotext", ["-enc", "UTF-8", file.path, "-"])
                } else {
                    text = try Self.run("/usr/bin/pandoc", ["--from=docx", "--to=plain", file.path])
                }
                try? FileManager.default.removeItem(atPath: "/tmp/multaqa-last-report.\(format.rawValue)")
                try? FileManager.default.copyItem(
                    at: file, to: URL(fileURLWithPath: "/tmp/multaqa-last-report.\(format.rawValue)"))
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
    static func setUpRealisticMeeting(_ api: Client) async throws -> String {
        // 2022-03-25T00:00:00Z
        let firstDay = Date(timeIntervalSince1970: 1_648_166_400)
        func at(_ hours: Double) -> Date { firstDay.addingTimeInterval(hours * 3600) }
        let event = try await api.createEvent(
            body: .json(
                .init(
                    slug: "agadir-performance-2022", kind: .meeting, format: .hybrid,
                    title: .init(
                        ar: "لقاء تواصلي حول برنامج تحسين أداء الجماعات",
                        fr: "Rencontre sur le programme d'amélioration de la performance des communes"),
                    timezone: "Africa/Casablanca", startsAt: at(8), endsAt: at(24 + 17),
                    venue: .init(name: "Palais des congrès", city: "Agadir"), online: .init(platform: "Zoom")))
        ).created.body.json.id
        var organizations: [String] = []
        let partners: [(Components.Schemas.LocalizedText, Components.Schemas.OrganizationKind, Components.Schemas.PartnerRole)] =
            [
                (
                    .init(ar: "المديرية العامة للجماعات الترابية", fr: "Direction générale des collectivités territoriales"),
                    .ministry, .organizer
                ),
                (.init(ar: "البنك الدولي", fr: "Banque mondiale", en: "World Bank"), .internationalOrganisation, .funder),
                (.init(fr: "Cités Unies France"), .association, .coOrganizer),
                (.init(ar: "جمعية رؤساء مجالس الجهات"), .association, .coOrganizer),
            ]
        for (order, (name, kind, role)) in partners.enumerated() {
            let organization = try await api.createOrganization(body: .json(.init(name: name, kind: kind))).created.body.json
            organizations.append(organization.id)
            let partner = try await api.putPartner(
                path: .init(eventId: event, organizationId: organization.id),
                body: .json(.init(role: role, displayOrder: order)))
            #expect(Answer.statusCode(partner) == 200, "\(partner)")
        }
        let titles: [Components.Schemas.LocalizedText] = [
            .init(
                ar: "تطوير نظام تقييم أداء الجماعات المستهدفة وتحفيزها", fr: "Système d'évaluation de la performance des communes"
            ),
            .init(ar: "تعزيز التعاون بين الجماعات الترابية", fr: "Coopération entre collectivités territoriales"),
            .init(ar: "تقوية القدرات"),
        ]
        var workshops: [String] = []
        for (index, title) in titles.enumerated() {
            let start = Double(13 + index)
            let session = try await api.createSession(
                path: .init(eventId: event),
                body: .json(.init(kind: .workshop, title: title, startsAt: at(start), endsAt: at(start + 50.0 / 60)))
            ).created.body.json.id
            workshops.append(session)
            for (role, name) in [
                (
                    Components.Schemas.ParticipantRole.coordinator,
                    Components.Schemas.LocalizedText(
                        ar: "منسق الورشة \(index + 1)", fr: "Coordination de l'atelier \(index + 1)")
                ),
                (.rapporteur, .init(fr: "Rapporteur de l'atelier \(index + 1)")),
            ] {
                let person = try await api.createPerson(body: .json(.init(fullName: name))).created.body.json.id
                let participant = try await api.putParticipant(
                    path: .init(eventId: event, sessionId: session, personId: person), body: .json(.init(role: role)))
                #expect(Answer.statusCode(participant) == 200, "\(participant)")
            }
        }
        _ = try await api.updateEvent(path: .init(eventId: event), body: .json(.init(status: .published))).ok
        for (index, item) in recommendations.enumerated() {
            let created = try await api.createRecommendation(
                path: .init(eventId: event),
                body: .json(
                    .init(
                        sessionId: workshops[item.workshop], text: .init(ar: item.ar, fr: item.fr), axis: item.axis,
                        actorIds: [organizations[index % 4]], actorKinds: [.commune, .state], ownerId: organizations[0],
                        dueDate: "2024-06-30"))
            ).created.body.json.id
            var moves: [Components.Schemas.RecommendationTransition] = [.init(to: .submitted), .init(to: .adopted)]
            if index % 3 == 0 { moves.append(.init(to: .inProgress, progress: 25)) }
            for move in moves {
                let moved = try await api.transitionRecommendation(path: .init(recommendationId: created), body: .json(move))
                #expect(Answer.statusCode(moved) == 200, "\(moved)")
            }
        }
        return event
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

    static func pdf(_ api: Client, _ event: String, lang: String) async throws -> URL {
        let bytes = try await report(api, event, .pdf, lang: lang).data
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-report-\(UUID().uuidString).pdf")
        try bytes.write(to: file)
        return file
    }

    @Test(
        "every recommendation's Arabic text is in the PDF's text layer, in the Arabic and the bilingual report", .isolatedDatabase
    )
    func arabicTextLayer() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: organizer)
            let event = try await Self.setUpRealisticMeeting(api)
            for lang in ["ar", "ar+fr"] {
                let file = try await Self.pdf(api, event, lang: lang)
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
        try await withTestApp { app in
            let api = Client(app, token: organizer)
            let event = try await Self.setUpRealisticMeeting(api)
            let html = try await Self.text(api, event, .html, lang: "ar+fr")

            // The HTML: every heading and paragraph is a block of one language with its own
            // direction, the Arabic one paired with a French one.
            let document = try XMLDocument(xmlString: html, options: [.documentTidyHTML])
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
            #expect(html.components(separatedBy: "التعاون والتحول الرقمي").count - 1 == 1)
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
            let file = try await Self.pdf(api, event, lang: "ar+fr")
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
            let arabicOnly = try await Self.pdf(api, event, lang: "ar")
            defer { try? FileManager.default.removeItem(at: arabicOnly) }
            _ = try Self.run(
                "/usr/bin/pdftoppm", ["-r", "60", "-png", arabicOnly.path, Self.pictures.appendingPathComponent("ar-pdf").path])
            try Data(html.utf8).write(to: Self.pictures.appendingPathComponent("ar+fr.html"))
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
        try await withTestApp { app in
            let api = Client(app, token: organizer)
            let forum = try await Fixtures.saidiaForum(using: api, inPerson: 10, online: 10)
            let path = Operations.CreateRegistration.Input.Path(eventId: forum.event)
            let oujda = try await Client(app).createRegistration(
                path: path, body: .json(RegistrationsTests.body(1) { $0.affiliation = .init(collectivity: "MA-OUJ") }))
            #expect(Answer.statusCode(oujda) == 201)
            let press = try await Client(app).createRegistration(
                path: path, body: .json(RegistrationsTests.body(2, mode: .online, category: .press)))
            #expect(Answer.statusCode(press) == 201)
            let csv = try await ReportsTests.text(api, forum.event, .csv, lang: "ar", report: .attendance)
            let rows = CSV.parse(csv)
            #expect(rows.count == 3)
            #expect(rows.contains { $0.contains("مشارك تجريبي 1") && $0.contains("عمالة وجدة أنجاد") })
            let html = try await ReportsTests.text(api, forum.event, .html, lang: "fr", report: .attendance)
            #expect(html.contains("Par mode de participation") && html.contains("Oujda"))
            let refused = try await Client(app).getReport(
                path: .init(eventId: forum.event, report: .attendance), query: .init(format: .csv))
            try expectProblem(in: refused, status: 401)
        }
    }
}
