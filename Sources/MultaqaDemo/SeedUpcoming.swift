import Foundation
import MultaqaDomain
import MultaqaStore

/// A fictional upcoming meeting of the Saïdia forum's network, dated from the day the demo is
/// loaded (three weeks ahead), open for registration in person and online with workshops: every
/// other demo meeting lies in the past, and a newcomer should be able to register at once.
enum SeedUpcoming {
    static let slug = "rencontre-reseau-demo"
    /// Days between loading the demo and the meeting's first day.
    static let daysAhead = 21

    static func load(_ demo: DemoContext, _ report: inout DemoLoader.Report) async throws {
        let dgct = try await demo.directorate()
        let pagof = try await demo.pagof()
        let first = DemoContext.day(after: daysAhead)
        let second = DemoContext.day(after: daysAhead + 1)
        guard
            let event = try await demo.newEvent(
                Event(
                    slug: slug, kind: .meeting, format: .hybrid,
                    title: LocalizedText(
                        ar: "اللقاء الجهوي للشبكة المغربية للجماعات الترابية المنفتحة",
                        fr: "Rencontre régionale du réseau marocain des collectivités territoriales ouvertes",
                        en: "Regional meeting of the Moroccan network of open territorial collectivities"),
                    theme: LocalizedText(
                        ar: "من الالتزام إلى التنفيذ: خطط عمل الحكومة المنفتحة على المستوى الترابي",
                        fr: "De l'engagement à la mise en œuvre : les plans d'action de gouvernement ouvert dans les territoires",
                        en: "From commitment to delivery: open government action plans in the territories"),
                    description: LocalizedText(
                        ar: "لقاء تجريبي متخيَّل لأغراض العرض: تواريخه تُحسب انطلاقًا من يوم تحميل العرض التجريبي.",
                        fr:
                            "Rencontre fictive, pour la démonstration : ses dates sont comptées à partir du jour où la démonstration est chargée.",
                        en: "A fictional meeting, for the demonstration: its dates are counted from the day the demo is loaded."),
                    timezone: "Africa/Casablanca", startsAt: DemoContext.time(first, "09:00"),
                    endsAt: DemoContext.time(second, "13:00"), venue: .init(name: "Palais des congrès", city: "Oujda"),
                    online: .init(platform: "Zoom", streamURL: "https://example.org/live/rencontre-reseau"),
                    languages: ["ar", "fr"]),
                report: &report)
        else { return }
        for (order, (organization, role)) in [(dgct, Partner.Role.organizer), (pagof, .technicalPartner)].enumerated() {
            _ = try await demo.schedule.putPartner(
                Partner(eventID: event.id, organizationID: organization, role: role, displayOrder: order))
        }
        let hall = try await demo.schedule.createRoom(
            try Room(eventID: event.id, name: "القاعة الكبرى — Grande salle", capacity: 200).validated())
        let rooms = [
            try await demo.schedule.createRoom(try Room(eventID: event.id, name: "Salle 1", capacity: 60).validated()),
            try await demo.schedule.createRoom(try Room(eventID: event.id, name: "Salle 2", capacity: 60).validated()),
            try await demo.schedule.createRoom(try Room(eventID: event.id, name: "Salle 3", capacity: 60).validated()),
        ]
        _ = try await demo.session(
            event, .opening, LocalizedText(ar: "الجلسة الافتتاحية", fr: "Séance d'ouverture", en: "Opening"), day: first,
            from: "09:30", to: "10:30", room: hall.id)
        let morning = [
            LocalizedText(ar: "الولوج إلى المعلومة", fr: "L'accès à l'information", en: "Access to information"),
            LocalizedText(ar: "الميزانية التشاركية", fr: "Le budget participatif", en: "Participatory budgeting"),
            LocalizedText(ar: "المعطيات المفتوحة", fr: "Les données ouvertes", en: "Open data"),
        ]
        let afternoon = [
            LocalizedText(
                ar: "هيئات المساواة وتكافؤ الفرص", fr: "Les instances de l'équité et de l'égalité des chances",
                en: "Equity and equal-opportunity bodies"),
            LocalizedText(ar: "العرائض المواطنة", fr: "Les pétitions citoyennes", en: "Citizens' petitions"),
        ]
        for (slot, titles) in [(("11:00", "13:00"), morning), (("14:30", "16:30"), afternoon)] {
            for (index, title) in titles.enumerated() {
                _ = try await demo.session(
                    event, .workshop, title, day: first, from: slot.0, to: slot.1, room: rooms[index].id, capacity: 50)
            }
        }
        _ = try await demo.session(
            event, .closing,
            LocalizedText(
                ar: "تقديم خلاصات الورشات والجلسة الختامية", fr: "Restitution des ateliers et clôture",
                en: "Workshop reports and closing"),
            day: second, from: "10:00", to: "12:30", room: hall.id)
        _ = try await RegistrationStore(database: demo.database).saveSettings(
            try RegistrationSettings(
                capacities: [.inPerson: 150, .online: 300],
                categories: [
                    .electedOfficial, .administrativeStaff, .consultativeBodyMember, .partnerRepresentative,
                    .press, .researcher, .citizen,
                ]
            ).validated(for: event), eventID: event.id, expectedVersion: nil)
        try await demo.publish(event)
    }
}

extension DemoContext {
    /// The day `days` after today in Casablanca, as "2026-12-24".
    static func day(after days: Int, from now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Africa/Casablanca")!
        let date = calendar.date(byAdding: .day, value: days, to: now)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
