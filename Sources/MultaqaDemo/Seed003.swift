import Foundation
import MultaqaDomain
import MultaqaStore

/// Seed 003: the forum of the Moroccan network of open territorial collectivities in Saïdia, two
/// days, with its four workshops and about 350 participants (elected officials, administrative
/// staff, members of consultative bodies) from member collectivities. The report gives no year:
/// the demo's dates (Tuesday and Wednesday 10–11 December 2024) say so in the description. Every
/// participant is fictional and named so.
enum Seed003 {
    static let slug = "saidia-forum-collectivites-ouvertes"
    static let participants = 350

    static func load(_ demo: DemoContext, _ report: inout DemoLoader.Report) async throws {
        let dgct = try await demo.directorate()
        let pagof = try await demo.pagof()
        let afd = try await demo.afd()
        let programme = try await demo.series(
            LocalizedText(ar: "برنامج الجماعات الترابية المنفتحة", fr: "Programme des collectivités territoriales ouvertes"),
            kind: .programme)
        guard
            let event = try await demo.newEvent(
                Event(
                    slug: slug, kind: .forum, format: .inPerson,
                    title: LocalizedText(
                        ar: "ملتقى الشبكة المغربية للجماعات الترابية المنفتحة",
                        fr: "Forum du réseau marocain des collectivités territoriales ouvertes"),
                    theme: LocalizedText(
                        ar: "ترسيخ مبادئ الانفتاح بالجماعات الترابية من أجل تنمية محلية دامجة ومستدامة",
                        fr:
                            "Ancrer les principes d'ouverture dans les collectivités territoriales pour un développement local inclusif et durable"
                    ),
                    description: LocalizedText(
                        ar:
                            "الشبكة تضم 126 جماعة ترابية: 12 جهة و7 مجالس عمالات وأقاليم و107 جماعات، من أصل 1590 جماعة ترابية. تواريخ العرض التجريبي توضيحية: التقرير لا يذكر السنة.",
                        fr:
                            "Le réseau compte 126 collectivités (12 régions, 7 conseils préfectoraux et provinciaux, 107 communes) sur 1 590. Dates de démonstration : le compte rendu ne donne pas l'année."
                    ),
                    timezone: "Africa/Casablanca", startsAt: DemoContext.time("2024-12-10", "09:00"),
                    endsAt: DemoContext.time("2024-12-11", "14:00"), venue: .init(name: "Saïdia", city: "Saïdia"),
                    languages: ["ar", "fr"], seriesID: programme),
                report: &report)
        else { return }
        for (order, (organization, role)) in [(dgct, Partner.Role.organizer), (pagof, .technicalPartner), (afd, .funder)]
            .enumerated()
        {
            _ = try await demo.schedule.putPartner(
                Partner(eventID: event.id, organizationID: organization, role: role, displayOrder: order))
        }
        let hall = try await demo.schedule.createRoom(
            try Room(eventID: event.id, name: "Salle plénière", capacity: 400).validated())
        let rooms = [
            try await demo.schedule.createRoom(try Room(eventID: event.id, name: "Salle A", capacity: 200).validated()),
            try await demo.schedule.createRoom(try Room(eventID: event.id, name: "Salle B", capacity: 200).validated()),
        ]
        _ = try await demo.session(
            event, .opening, LocalizedText(ar: "الجلسة الافتتاحية", fr: "Séance d'ouverture"), day: "2024-12-10", from: "09:30",
            to: "10:30", room: hall.id)
        let titles = [
            LocalizedText(
                ar: "دور التواصل في خدمة انفتاح الجماعات الترابية",
                fr: "La communication au service de l'ouverture des collectivités"),
            LocalizedText(ar: "وضع المشاريع ومؤشرات التقييم", fr: "Conception des projets et indicateurs d'évaluation"),
            LocalizedText(
                ar: "المشاركة المواطنة والتعاون بين الفاعلين", fr: "Participation citoyenne et coopération entre acteurs"),
            LocalizedText(ar: "دعم تشبيك الجماعات الترابية", fr: "Appui à la mise en réseau des collectivités"),
        ]
        var workshops: [UUID] = []
        for (index, title) in titles.enumerated() {
            let (from, to) = index < 2 ? ("11:00", "13:00") : ("14:30", "16:30")
            let workshop = try await demo.session(
                event, .workshop, title, day: "2024-12-10", from: from, to: to, room: rooms[index % 2].id, capacity: 200)
            workshops.append(workshop)
            let number = index + 1
            let lead = try await demo.person(
                LocalizedText(
                    ar: "منسق(ة) ورشة الملتقى \(number) (شخصية تجريبية)",
                    fr: "Coordination de l'atelier \(number) du forum (fictif)"),
                email: "forum-coordination-\(number)@\(DemoLoader.fictionalDomain)")
            let writer = try await demo.person(
                LocalizedText(
                    ar: "مقرر(ة) ورشة الملتقى \(number) (شخصية تجريبية)",
                    fr: "Rapporteur de l'atelier \(number) du forum (fictif)"),
                email: "forum-rapporteur-\(number)@\(DemoLoader.fictionalDomain)")
            try await demo.take(event, session: workshop, person: lead, role: .coordinator)
            try await demo.take(event, session: workshop, person: writer, role: .rapporteur, order: 1)
        }
        _ = try await demo.session(
            event, .plenary,
            LocalizedText(ar: "حصيلة الشبكة وآفاق توسيعها", fr: "Bilan du réseau et perspectives d'élargissement"),
            day: "2024-12-11", from: "09:30", to: "11:30", room: hall.id)
        _ = try await demo.session(
            event, .closing, LocalizedText(ar: "الجلسة الختامية", fr: "Séance de clôture"), day: "2024-12-11", from: "12:00",
            to: "13:00", room: hall.id)
        let store = RegistrationStore(database: demo.database)
        _ = try await store.saveSettings(
            try RegistrationSettings(
                capacities: [.inPerson: 400],
                categories: [.electedOfficial, .administrativeStaff, .consultativeBodyMember, .partnerRepresentative, .press]
            ).validated(for: event), eventID: event.id, expectedVersion: nil)
        try await demo.publish(event)
        try await register(demo, store: store, event: event, workshops: workshops, report: &report)
    }

    /// ~350 fictional participants spread over the categories the report names and over member
    /// collectivities (regions, prefectures and provinces of the reference list), with check-ins.
    static func register(
        _ demo: DemoContext, store: RegistrationStore, event: Event, workshops: [UUID], report: inout DemoLoader.Report
    ) async throws {
        demo.progress("registering \(participants) fictional participants")
        let places = try await AttendanceStore(database: demo.database).collectivities(
            search: nil, kind: nil, parent: nil, limit: 100
        ).map(\.code)
        let categories: [(AttendeeCategory, Int)] = [
            (.electedOfficial, 140), (.administrativeStaff, 130), (.consultativeBodyMember, 60), (.partnerRepresentative, 15),
            (.press, 5),
        ]
        let attendance = AttendanceStore(database: demo.database)
        var number = 0
        for (category, count) in categories {
            for _ in 0..<count {
                number += 1
                let label = String(format: "%03d", number)
                let request = try RegistrationRequest(
                    fullName: number % 3 == 0 ? "Participant fictif \(label)" : "مشارك(ة) تجريبي(ة) رقم \(label)",
                    email: "participant-\(label)@\(DemoLoader.fictionalDomain)", category: category,
                    affiliation: category == .partnerRepresentative || category == .press
                        ? .text("Organisation fictive \(label)") : .collectivity(places[number % places.count]),
                    position: category == .electedOfficial ? "عضو(ة) مجلس (صفة تجريبية)" : nil, mode: .inPerson,
                    workshops: [workshops[number % 2], workshops[2 + (number / 2) % 2]], consent: true
                ).validated()
                let created = try await store.register(eventID: event.id, request, byOrganizer: true)
                report.registrations += 1
                // About six in seven came on the first day, five in seven on the second.
                if number % 7 != 0 {
                    _ = try await attendance.checkIn(
                        eventID: event.id, code: created.registration.checkInCode, day: "2024-12-10", sessionID: nil)
                    report.checkIns += 1
                }
                if number % 7 > 1 {
                    _ = try await attendance.checkIn(
                        eventID: event.id, code: created.registration.checkInCode, day: "2024-12-11", sessionID: nil)
                    report.checkIns += 1
                }
            }
        }
    }
}
