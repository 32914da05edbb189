import Foundation
import MultaqaDomain
import MultaqaStore

/// The directorate, partner of every meeting.
extension DemoContext {
    func directorate() async throws -> UUID {
        try await organization(
            LocalizedText(ar: "المديرية العامة للجماعات الترابية", fr: "Direction générale des collectivités territoriales"),
            acronym: "DGCT", kind: .ministry, country: "MA")
    }

    func afd() async throws -> UUID {
        try await organization(
            LocalizedText(ar: "الوكالة الفرنسية للتنمية", fr: "Agence française de développement"), acronym: "AFD",
            kind: .agency, country: "FR")
    }

    func pagof() async throws -> UUID {
        try await organization(
            LocalizedText(
                ar: "برنامج دعم الحكومات المنفتحة الفرنكوفونية", fr: "Programme d'appui aux gouvernements ouverts francophones"),
            acronym: "PAGOF", kind: .internationalOrganisation, country: "FR")
    }

    func wali() async throws -> UUID {
        try await person(
            LocalizedText(ar: "خاليد سفير"), honorific: LocalizedText(ar: "السيد الوالي", fr: "M. le Wali"),
            position: LocalizedText(
                ar: "المدير العام للجماعات الترابية", fr: "Directeur général des collectivités territoriales"),
            organization: try await directorate())
    }

    /// A speaker as the report names them (the name as written there, in Arabic).
    func speaker(
        _ name: String, _ honorific: String, _ position: String, organization: UUID? = nil, country: String = "MA"
    ) async throws -> UUID {
        try await person(
            LocalizedText(ar: name), honorific: LocalizedText(ar: honorific), position: LocalizedText(ar: position),
            organization: organization, country: country)
    }

    func partners(_ event: Event, _ list: [(UUID, Partner.Role)]) async throws {
        for (order, (organization, role)) in list.enumerated() {
            _ = try await schedule.putPartner(
                Partner(eventID: event.id, organizationID: organization, role: role, displayOrder: order))
        }
    }
}

/// Seed 000: Moroccan and French territorial collectivities facing COVID-19, a virtual meeting on
/// 3 November 2020, one of a series of virtual meetings (26 October, 3 and 24 November 2020).
/// Session times are illustrative; the stream link is a placeholder on example.org.
enum Seed000 {
    static let slug = "covid19-collectivites-2020"

    static func load(_ demo: DemoContext, _ report: inout DemoLoader.Report) async throws {
        let dgct = try await demo.directorate()
        let delegation = try await demo.organization(
            LocalizedText(
                ar: "مندوبية العمل الخارجي للجماعات الترابية — الوزارة الفرنسية لأوروبا والشؤون الخارجية",
                fr:
                    "Délégation pour l'action extérieure des collectivités territoriales — ministère de l'Europe et des Affaires étrangères"
            ),
            acronym: "DAECT", kind: .ministry, country: "FR")
        let cuf = try await demo.organization(
            LocalizedText(ar: "المدن المتحدة لفرنسا", fr: "Cités Unies France"), acronym: "CUF", kind: .association, country: "FR"
        )
        let embassy = try await demo.organization(
            LocalizedText(ar: "سفارة فرنسا بالمغرب", fr: "Ambassade de France au Maroc"), kind: .embassy, country: "FR")
        let regions = try await demo.organization(
            LocalizedText(ar: "جمعية جهات المغرب", fr: "Association des Régions du Maroc"), acronym: "ARM", kind: .association,
            country: "MA")
        let provinces = try await demo.organization(
            LocalizedText(ar: "الجمعية المغربية لرؤساء مجالس العمالات والأقاليم"), kind: .association, country: "MA")
        let communes = try await demo.organization(
            LocalizedText(ar: "الجمعية المغربية لرؤساء المجالس الجماعية"), kind: .association, country: "MA")
        let worldBank = try await demo.organization(
            LocalizedText(ar: "البنك الدولي", fr: "Banque mondiale", en: "World Bank"), kind: .internationalOrganisation,
            country: "US")
        let series = try await demo.series(
            LocalizedText(ar: "لقاءات افتراضية مغربية فرنسية 2020", fr: "Rencontres virtuelles franco-marocaines 2020"),
            kind: .series)
        guard
            let event = try await demo.newEvent(
                Event(
                    slug: slug, kind: .webinar, format: .virtual,
                    title: LocalizedText(
                        ar: "الجماعات الترابية المغربية والفرنسية في مواجهة جائحة كوفيد 19: تبادل الخبرات",
                        fr: "Les collectivités territoriales marocaines et françaises face à la COVID-19 : partage d'expériences"),
                    timezone: "Africa/Casablanca", startsAt: DemoContext.time("2020-11-03", "10:00"),
                    endsAt: DemoContext.time("2020-11-03", "13:00"),
                    online: .init(platform: "Visioconférence", streamURL: "https://example.org/live/covid19-collectivites-2020"),
                    languages: ["ar", "fr"], interpretation: true, seriesID: series),
                report: &report)
        else { return }
        try await demo.partners(
            event,
            [
                (dgct, .organizer), (delegation, .coOrganizer), (cuf, .coOrganizer), (embassy, .coOrganizer),
                (regions, .coOrganizer), (provinces, .coOrganizer), (communes, .coOrganizer),
            ])
        let opening = try await demo.session(
            event, .opening, LocalizedText(ar: "الجلسة الافتتاحية", fr: "Séance d'ouverture"), day: "2020-11-03", from: "10:00",
            to: "10:45")
        try await demo.take(event, session: opening, person: try await demo.wali(), role: .speaker)
        try await demo.take(
            event, session: opening,
            person: try await demo.speaker("إيلين لو كال", "السيدة", "سفيرة فرنسا بالمغرب", organization: embassy, country: "FR"),
            role: .speaker, order: 1)
        try await demo.take(
            event, session: opening,
            person: try await demo.speaker(
                "كريستين مورو", "السيدة", "السفيرة المنتدبة في العمل الخارجي للجماعات الترابية", organization: delegation,
                country: "FR"), role: .speaker, order: 2)
        try await demo.take(
            event, session: opening,
            person: try await demo.speaker("امحند العنصر", "السيد", "رئيس جمعية جهات المغرب", organization: regions),
            role: .speaker, order: 3)
        let talks: [(String, String, String, UUID?, String, String)] = [
            (
                "ليلى الحموشي", "السيدة العامل", "مديرة الخدمات العمومية المحلية بالمديرية العامة للجماعات الترابية", dgct, "MA",
                "أهداف وعمل اللجنة الجهوية لليقظة الاقتصادية"
            ),
            (
                "شيماء بلاوعلي", "السيدة", "خبيرة في التنمية الحضرية بالبنك الدولي", worldBank, "MA",
                "وقع الوباء ودور الجماعات الترابية المغربية في الخروج من الأزمة"
            ),
            (
                "محمد أمين السويسي", "السيد", "المكلف بقسم التحول الرقمي بالمديرية العامة للجماعات الترابية", dgct, "MA",
                "الجماعات الترابية في زمن التحول الرقمي"
            ),
            (
                "أكيم أورال", "السيد", "المساعد التاسع لعمدة ليل مكلف بالرقمي والشباب", nil, "FR",
                "مساهمات التعاون اللامركزي في مجال التحول الرقمي: نماذج قصص النجاح"
            ),
            (
                "كلودين كانتر", "السيدة", "مستشارة جهوية مكلفة بالعلاقات الدولية والعابرة للحدود في جهة الشرق الكبير", nil, "FR",
                "العودة لقانون الأعمال"
            ),
        ]
        let starts = ["10:45", "11:05", "11:25", "11:45", "12:05", "12:25"]
        for (index, (name, honorific, position, organization, country, topic)) in talks.enumerated() {
            let talk = try await demo.session(
                event, .talk, LocalizedText(ar: topic), day: "2020-11-03", from: starts[index], to: starts[index + 1])
            try await demo.take(
                event, session: talk,
                person: try await demo.speaker(name, honorific, position, organization: organization, country: country),
                role: .speaker, talk: LocalizedText(ar: topic))
        }
        _ = try await demo.session(
            event, .discussion, LocalizedText(ar: "نقاش مفتوح", fr: "Débat ouvert"), day: "2020-11-03", from: "12:25", to: "13:00"
        )
        try await demo.link(
            event, .recording, LocalizedText(ar: "تسجيل الندوة", fr: "Enregistrement du webinaire"),
            "media/covid19-collectivites-2020")
        try await demo.publish(event)
    }
}

/// Seed 001: closing conference of the "citizen commune" project with German cooperation,
/// "digitalising communal services: which vision, which prospects?", virtual, 12 November 2020.
enum Seed001 {
    static let slug = "jamaa-mouwatina-cloture-2020"

    static func load(_ demo: DemoContext, _ report: inout DemoLoader.Report) async throws {
        let dgct = try await demo.directorate()
        let giz = try await demo.organization(
            LocalizedText(ar: "الوكالة الألمانية للتعاون الدولي", fr: "Coopération allemande (GIZ)"), acronym: "GIZ",
            kind: .agency, country: "DE")
        let beniMellal = try await demo.organization(
            LocalizedText(ar: "جماعة بني ملال", fr: "Commune de Béni Mellal"), kind: .localAuthority, country: "MA")
        let larache = try await demo.organization(
            LocalizedText(ar: "جماعة العرائش", fr: "Commune de Larache"), kind: .localAuthority, country: "MA")
        let meknes = try await demo.organization(
            LocalizedText(ar: "جماعة مكناس", fr: "Commune de Meknès"), kind: .localAuthority, country: "MA")
        let oecd = try await demo.organization(
            LocalizedText(
                ar: "منظمة التعاون والتنمية الاقتصادية", fr: "Organisation de coopération et de développement économiques"),
            acronym: "OCDE", kind: .internationalOrganisation, country: "FR")
        let add = try await demo.organization(
            LocalizedText(ar: "وكالة التنمية الرقمية", fr: "Agence de développement du digital"), acronym: "ADD", kind: .agency,
            country: "MA")
        guard
            let event = try await demo.newEvent(
                Event(
                    slug: slug, kind: .conference, format: .virtual,
                    title: LocalizedText(
                        ar: "رقمنة الخدمات الجماعية: أية رؤيا وأية آفاق للجماعات؟",
                        fr: "Digitalisation des services communaux : quelle vision, quelles perspectives ?"),
                    description: LocalizedText(
                        ar:
                            "اختتام مشروع جماعة مواطنة الذي انطلق قبل أربع سنوات على ثلاثة محاور: دعم تحسين الاستقبال، دعم التواصل الجماعي، تشجيع المبادرات التشاركية.",
                        fr:
                            "Clôture du projet « Commune citoyenne », lancé quatre ans plus tôt sur trois axes : accueil, communication communale, initiatives participatives."
                    ),
                    timezone: "Africa/Casablanca", startsAt: DemoContext.time("2020-11-12", "10:00"),
                    endsAt: DemoContext.time("2020-11-12", "12:30"),
                    online: .init(platform: "Visioconférence", streamURL: "https://example.org/live/jamaa-mouwatina-2020"),
                    languages: ["ar", "fr"]),
                report: &report)
        else { return }
        try await demo.partners(
            event,
            [
                (dgct, .organizer), (giz, .coOrganizer), (beniMellal, .coOrganizer), (larache, .coOrganizer),
                (meknes, .coOrganizer),
            ])
        let opening = try await demo.session(
            event, .opening, LocalizedText(ar: "الجلسة الافتتاحية", fr: "Séance d'ouverture"), day: "2020-11-12", from: "10:00",
            to: "10:40")
        try await demo.take(event, session: opening, person: try await demo.wali(), role: .speaker)
        try await demo.take(
            event, session: opening,
            person: try await demo.speaker(
                "لورانز بيترسون", "السيد", "المدير المقيم لوكالة التعاون الألماني GIZ", organization: giz, country: "DE"),
            role: .speaker, order: 1)
        _ = try await demo.session(
            event, .panel,
            LocalizedText(
                ar: "عروض الجماعات الشريكة: بني ملال، العرائش، مكناس",
                fr: "Les communes partenaires : Béni Mellal, Larache, Meknès"),
            day: "2020-11-12", from: "10:40", to: "11:40")
        let sigma = try await demo.session(
            event, .talk, LocalizedText(ar: "برنامج SIGMA: المرتفق وجودة التدبير المحلي والتحول الرقمي"), day: "2020-11-12",
            from: "11:40", to: "12:05")
        try await demo.take(
            event, session: sigma,
            person: try await demo.speaker(
                "ثيجس نيك", "السيد", "المستشار الرئيسي لمنظمة التعاون والتنمية الاقتصادية", organization: oecd, country: "FR"),
            role: .speaker)
        let digital = try await demo.session(
            event, .talk, LocalizedText(ar: "محاور تدخل وكالة التنمية الرقمية في برنامج الحكومة الرقمية"), day: "2020-11-12",
            from: "12:05", to: "12:30")
        try await demo.take(
            event, session: digital,
            person: try await demo.speaker("أنس بنهود", "السيد", "ممثل وكالة التنمية الرقمية", organization: add), role: .speaker)
        try await demo.link(
            event, .recording, LocalizedText(ar: "تسجيل الندوة الختامية", fr: "Enregistrement de la conférence de clôture"),
            "media/jamaa-mouwatina-2020")
        try await demo.publish(event)
    }
}

/// Seed 002: "digital transformation of territorial collectivities and local development", a
/// hybrid seminar on 15 February 2022 in a hall of the journalism institute, streamed live on
/// YouTube, one of a series on territorial public communication.
enum Seed002 {
    static let slug = "transformation-digitale-collectivites-2022"

    static func load(_ demo: DemoContext, _ report: inout DemoLoader.Report) async throws {
        let dgct = try await demo.directorate()
        let isic = try await demo.organization(
            LocalizedText(ar: "المعهد العالي للإعلام والاتصال", fr: "Institut supérieur de l'information et de la communication"),
            acronym: "ISIC", kind: .academic, country: "MA")
        let add = try await demo.organization(
            LocalizedText(ar: "وكالة التنمية الرقمية", fr: "Agence de développement du digital"), acronym: "ADD", kind: .agency,
            country: "MA")
        let series = try await demo.series(
            LocalizedText(
                ar: "سلسلة ندوات حول التواصل العمومي الترابي",
                fr: "Cycle de séminaires sur la communication publique territoriale"), kind: .series)
        guard
            let event = try await demo.newEvent(
                Event(
                    slug: slug, kind: .seminar, format: .hybrid,
                    title: LocalizedText(
                        ar: "التحول الرقمي للجماعات الترابية والتنمية المحلية",
                        fr: "Transformation digitale des collectivités territoriales et développement local"),
                    description: LocalizedText(
                        ar:
                            "نسبة الولوج إلى الأنترنيت 93 بالمئة؛ 6665 شكاية موجهة للجماعات عبر منصة شكاية؛ خارطة طريق 2018-2023 تضم 71 مشروعا.",
                        fr:
                            "93 % de taux de pénétration d'internet ; 6 665 réclamations reçues par les communes sur la plateforme nationale ; une feuille de route 2018-2023 de 71 projets."
                    ),
                    timezone: "Africa/Casablanca", startsAt: DemoContext.time("2022-02-15", "10:00"),
                    endsAt: DemoContext.time("2022-02-15", "12:30"),
                    venue: .init(name: "المعهد العالي للإعلام والاتصال"),
                    online: .init(platform: "YouTube", streamURL: "https://example.org/live/transformation-digitale-2022"),
                    languages: ["ar", "fr"], seriesID: series),
                report: &report)
        else { return }
        try await demo.partners(event, [(dgct, .organizer), (isic, .host)])
        _ = try await demo.session(
            event, .opening, LocalizedText(ar: "الجلسة الافتتاحية", fr: "Ouverture"), day: "2022-02-15", from: "10:00",
            to: "10:15")
        let talks: [(String, String, UUID?, String, String)] = [
            ("محمد السعيدي", "أستاذ التعليم العالي وخبير دولي في المدن الذكية المستدامة", nil, "10:15", "10:35"),
            ("خالد اعقاء", "مدير الحكومة الإلكترونية بوكالة التنمية الرقمية", add, "10:35", "10:55"),
            ("محمد أمين السويسي", "المكلف بقسم التحول الرقمي بالمديرية العامة للجماعات الترابية", dgct, "10:55", "11:15"),
            ("أنس بن واحود", "مدير وحدة الدار البيضاء للرقميات بمؤسسة الدار البيضاء للخدمات", nil, "11:15", "11:35"),
        ]
        let panel = try await demo.session(
            event, .panel,
            LocalizedText(
                ar: "مداخلات حول التحول الرقمي للجماعات الترابية",
                fr: "Interventions sur la transformation digitale des collectivités"),
            day: "2022-02-15", from: "10:15", to: "11:35")
        for (order, (name, position, organization, _, _)) in talks.enumerated() {
            try await demo.take(
                event, session: panel, person: try await demo.speaker(name, "السيد", position, organization: organization),
                role: .panelist, order: order)
        }
        _ = try await demo.session(
            event, .discussion,
            LocalizedText(
                ar: "نقاش مع الحضور في القاعة وعبر وسائل التواصل الاجتماعي", fr: "Débat avec la salle et les réseaux sociaux"),
            day: "2022-02-15", from: "11:35", to: "12:30")
        // Streamed live on YouTube, and kept there.
        try await demo.link(
            event, .liveStream, LocalizedText(ar: "البث المباشر", fr: "Diffusion en direct"), "live/transformation-digitale-2022")
        try await demo.link(
            event, .recording, LocalizedText(ar: "تسجيل الندوة", fr: "Enregistrement du séminaire"),
            "media/transformation-digitale-2022")
        try await demo.publish(event)
    }
}
