import Foundation
import MultaqaDomain
import MultaqaStore

/// Seed 004: the meeting on the communes performance improvement programme, Agadir, 25 and 26
/// March 2022, with its three workshops and their recommendations at different stages of
/// follow-up. Session times are illustrative (the report gives the days only); the officials are
/// the ones the report names, with its titles; coordinators and rapporteurs are fictional.
enum Seed004 {
    static let slug = "agadir-performance-communes-2022"

    /// The directorate's strategic plan, five axes, as the report lists them.
    static let axes = [
        "ضمان تناسق العمل العمومي على المستوى الترابي",
        "دعم ومواكبة الجماعات الترابية في ممارسة اختصاصاتها",
        "مواكبة المنتخبين لأداء مسؤولياتهم ودعم المشاركة المواطنة",
        "تعزيز وسائل وقدرات الجماعات الترابية",
        "جعل المديرية العامة للجماعات الترابية محركا للامركزية وفاعلا أساسيا في مجال اللاتمركز الإداري",
    ]

    static func load(_ demo: DemoContext, _ report: inout DemoLoader.Report) async throws {
        let dgct = try await demo.directorate()
        let finance = try await demo.organization(
            LocalizedText(ar: "وزارة الاقتصاد والمالية", fr: "Ministère de l'Économie et des Finances"), kind: .ministry,
            country: "MA")
        let worldBank = try await demo.organization(
            LocalizedText(ar: "البنك الدولي", fr: "Banque mondiale", en: "World Bank"), kind: .internationalOrganisation,
            country: "US")
        let afd = try await demo.afd()
        let programme = try await demo.series(
            LocalizedText(ar: "برنامج تحسين أداء الجماعات", fr: "Programme d'amélioration de la performance des communes"),
            kind: .programme)
        guard
            let event = try await demo.newEvent(
                Event(
                    slug: slug, kind: .meeting, format: .inPerson,
                    title: LocalizedText(
                        ar: "لقاء تواصلي حول برنامج تحسين أداء الجماعات",
                        fr: "Rencontre sur le programme d'amélioration de la performance des communes"),
                    description: LocalizedText(
                        ar:
                            "برنامج أطلقته وزارة الداخلية سنة 2019 بشراكة مع وزارة الاقتصاد والمالية والبنك الدولي والوكالة الفرنسية للتنمية لمدة خمس سنوات، يستهدف 103 جماعة، ويضم ثلاثة مشاريع فرعية: تطوير نظام تقييم أداء الجماعات وتحفيزها، تعزيز التعاون بين الجماعات الترابية، تقوية القدرات.",
                        fr:
                            "Programme lancé en 2019 par le ministère de l'Intérieur avec le ministère de l'Économie et des Finances, la Banque mondiale et l'AFD pour cinq ans ; il cible 103 communes et comprend trois sous-projets : système d'évaluation de la performance, coopération intercommunale, renforcement des capacités."
                    ),
                    timezone: "Africa/Casablanca", startsAt: DemoContext.time("2022-03-25", "09:00"),
                    endsAt: DemoContext.time("2022-03-26", "14:00"), venue: .init(name: "Agadir", city: "Agadir"),
                    languages: ["ar", "fr"], seriesID: programme),
                report: &report)
        else { return }
        for (order, (organization, role)) in [
            (dgct, Partner.Role.organizer), (finance, .funder), (worldBank, .funder), (afd, .funder),
        ].enumerated() {
            _ = try await demo.schedule.putPartner(
                Partner(eventID: event.id, organizationID: organization, role: role, displayOrder: order))
        }
        let plenary = try await demo.schedule.createRoom(
            try Room(eventID: event.id, name: "القاعة الكبرى — Salle plénière", capacity: 300).validated())
        let roomA = try await demo.schedule.createRoom(
            try Room(eventID: event.id, name: "قاعة الورشة أ — Salle atelier A", capacity: 80).validated())
        let roomB = try await demo.schedule.createRoom(
            try Room(eventID: event.id, name: "قاعة الورشة ب — Salle atelier B", capacity: 80).validated())

        let wali = try await demo.wali()
        let coordinator = try await demo.person(
            LocalizedText(ar: "محمد بنيس"), honorific: LocalizedText(ar: "السيد", fr: "M."),
            position: LocalizedText(
                ar: "رئيس قسم نجاعة أداء الجماعات الترابية ومنسق البرنامج",
                fr: "Chef de la division de la performance des collectivités territoriales, coordinateur du programme"),
            organization: dgct)

        let opening = try await demo.session(
            event, .opening, LocalizedText(ar: "الجلسة الافتتاحية", fr: "Séance d'ouverture"), day: "2022-03-25", from: "09:30",
            to: "10:30", room: plenary.id)
        try await demo.take(event, session: opening, person: wali, role: .speaker)
        let presentation = try await demo.session(
            event, .plenary,
            LocalizedText(
                ar: "سياق ومعايير البرنامج وأهدافه ومحاوره ومشاريعه الفرعية",
                fr: "Contexte, critères, objectifs et sous-projets du programme"),
            day: "2022-03-25", from: "10:30", to: "11:30", room: plenary.id)
        try await demo.take(event, session: presentation, person: coordinator, role: .speaker)
        let titles = [
            LocalizedText(
                ar: "تطوير نظام تقييم أداء الجماعات المستهدفة وتحفيزها",
                fr: "Système d'évaluation de la performance des communes ciblées et incitations"),
            LocalizedText(
                ar: "تعزيز التعاون بين الجماعات الترابية", fr: "Renforcement de la coopération entre collectivités territoriales"),
            LocalizedText(ar: "تقوية القدرات", fr: "Renforcement des capacités"),
        ]
        let slots = [
            ("2022-03-25", "14:00", "17:00", roomA.id), ("2022-03-25", "14:00", "17:00", roomB.id),
            ("2022-03-26", "09:00", "11:00", roomA.id),
        ]
        var workshops: [UUID] = []
        for (index, title) in titles.enumerated() {
            let (day, from, to, room) = slots[index]
            let workshop = try await demo.session(event, .workshop, title, day: day, from: from, to: to, room: room, capacity: 80)
            workshops.append(workshop)
            let number = index + 1
            let lead = try await demo.person(
                LocalizedText(ar: "منسق(ة) الورشة \(number) (شخصية تجريبية)", fr: "Coordination de l'atelier \(number) (fictif)"),
                email: "coordination-\(number)@\(DemoLoader.fictionalDomain)")
            let writer = try await demo.person(
                LocalizedText(ar: "مقرر(ة) الورشة \(number) (شخصية تجريبية)", fr: "Rapporteur de l'atelier \(number) (fictif)"),
                email: "rapporteur-\(number)@\(DemoLoader.fictionalDomain)")
            try await demo.take(event, session: workshop, person: lead, role: .coordinator)
            try await demo.take(event, session: workshop, person: writer, role: .rapporteur, order: 1)
        }
        let closing = try await demo.session(
            event, .closing,
            LocalizedText(
                ar: "الجلسة الختامية: تلاوة التوصيات وعرض أقوى لحظات اللقاء",
                fr: "Clôture : lecture des recommandations et film des temps forts"),
            day: "2022-03-26", from: "11:30", to: "13:00", room: plenary.id)
        try await demo.take(event, session: closing, person: wali, role: .speaker)
        // What the meeting published besides its recommendations: the recordings of both days and
        // the highlights film shown at the closing.
        try await demo.link(
            event, .recording, LocalizedText(ar: "تسجيل اليوم الأول", fr: "Enregistrement du premier jour"),
            "media/agadir-2022/jour-1", language: "ar")
        try await demo.link(
            event, .recording, LocalizedText(ar: "تسجيل اليوم الثاني", fr: "Enregistrement du second jour"),
            "media/agadir-2022/jour-2", language: "ar")
        try await demo.link(
            event, session: closing, .highlights, LocalizedText(ar: "شريط أقوى لحظات اللقاء", fr: "Film des temps forts"),
            "media/agadir-2022/temps-forts")
        try await demo.publish(event)
        report.recommendations += try await recommendations(
            demo, event: event, workshops: workshops, owner: dgct, partners: [worldBank, afd])
    }

    /// Four per workshop, Arabic and French, at every stage of follow-up. Illustrative texts: the
    /// report says the workshops produced recommendations, not what they said.
    static func recommendations(
        _ demo: DemoContext, event: Event, workshops: [UUID], owner: UUID, partners: [UUID]
    ) async throws -> Int {
        let items: [(Int, Int, String, String, [(Recommendation.Status, Int?)])] = [
            (
                0, 3, "ربط التحفيزات المالية بنتائج تقييم الأداء السنوي للجماعات",
                "Lier les incitations financières aux résultats de l'évaluation annuelle de la performance",
                [(.submitted, nil), (.adopted, nil), (.inProgress, 40), (.inProgress, 75), (.implemented, nil)]
            ),
            (
                0, 0, "نشر نتائج تقييم أداء الجماعات سنويا",
                "Publier chaque année les résultats de l'évaluation de la performance des communes",
                [(.submitted, nil), (.adopted, nil), (.inProgress, 60)]
            ),
            (
                0, 3, "تبسيط دليل مؤشرات الأداء وتكييفه مع الجماعات القروية",
                "Simplifier le guide des indicateurs et l'adapter aux communes rurales", [(.submitted, nil), (.adopted, nil)]
            ),
            (
                0, 3, "تكوين الفرق الجماعية على تعبئة المؤشرات", "Former les équipes communales au renseignement des indicateurs",
                [(.submitted, nil), (.merged, nil)]
            ),
            (
                1, 1, "تشجيع إحداث مجموعات الجماعات لتدبير المرافق المشتركة",
                "Encourager les groupements de communes pour gérer les services partagés",
                [(.submitted, nil), (.adopted, nil), (.inProgress, 30)]
            ),
            (
                1, 1, "وضع نموذج اتفاقية للتعاون رهن إشارة الجماعات",
                "Mettre un modèle de convention de coopération à la disposition des communes",
                [(.submitted, nil), (.adopted, nil), (.inProgress, 100), (.implemented, nil)]
            ),
            (
                1, 0, "إحداث منصة لتبادل التجارب الناجحة بين الجماعات",
                "Créer une plateforme d'échange des expériences réussies entre communes", [(.submitted, nil), (.adopted, nil)]
            ),
            (
                1, 4, "مواكبة مؤسسات التعاون بين الجماعات قانونيا",
                "Accompagner juridiquement les établissements de coopération intercommunale",
                [(.submitted, nil), (.rejected, nil)]
            ),
            (
                2, 3, "وضع مخطط سنوي لتكوين المنتخبين والموظفين الجماعيين",
                "Établir un plan annuel de formation des élus et des fonctionnaires communaux",
                [(.submitted, nil), (.adopted, nil), (.inProgress, 50)]
            ),
            (
                2, 3, "تقوية الكفاءات في تدبير المشاريع وإبرام الصفقات",
                "Renforcer les compétences en gestion de projets et en passation des marchés",
                [(.submitted, nil), (.adopted, nil)]
            ),
            (
                2, 2, "تعميم التكوين عن بعد لفائدة أطر الجماعات", "Généraliser la formation à distance des cadres communaux",
                [(.submitted, nil)]
            ),
            (
                2, 3, "تقييم أثر التكوين على أداء المصالح الجماعية",
                "Évaluer l'effet des formations sur la performance des services communaux", []
            ),
        ]
        let store = RecommendationStore(database: demo.database)
        let actor = "démonstration (organizer)"
        var created: [Recommendation] = []
        for (workshop, axis, ar, fr, moves) in items {
            var recommendation = try await store.create(
                try Recommendation(
                    eventID: event.id, sessionID: workshops[workshop], text: LocalizedText(ar: ar, fr: fr), axis: axes[axis],
                    actorIDs: axis == 1 ? partners : [], actorKinds: [.commune, .state], ownerID: owner,
                    priority: axis == 3 ? .high : .medium, dueDate: axis == 3 ? "2023-12-31" : "2024-06-30", tags: ["PACT"]
                ).validated(), actor: actor)
            for (status, progress) in moves {
                let merge = status == .merged ? created.first?.id : nil
                let moved = try recommendation.transition(to: status, progress: progress, mergedInto: merge)
                recommendation = try await store.transition(moved, from: recommendation.status, note: nil, actor: actor)
            }
            created.append(recommendation)
        }
        return created.count
    }
}
