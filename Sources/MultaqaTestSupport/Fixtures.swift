import Foundation
import MultaqaAPIClient

/// The meetings of DOMAIN.md as tests need them, made through the API as organisers make them.
package enum Fixtures {
    /// The forum of the open territorial collectivities in Saïdia (seed 003) with what the
    /// registration tests need on top: hybrid, so that some attend online, on one day a month from
    /// now (registration open, check-ins by day), published, with three workshops of which two
    /// overlap. `using` must be an organiser's client. `today` holds it today instead, all day
    /// long in UTC, for the check-in tests: its registration stays open and today is its day
    /// whatever the hour.
    package static func saidiaForum(
        using client: Client,
        inPerson: Int? = 350,
        online: Int? = nil,
        workshopCapacity: Int = 40,
        today: Bool = false,
        settings: (inout Components.Schemas.RegistrationSettingsInput) -> Void = { _ in }
    ) async throws -> SaidiaForum {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let midnight = calendar.startOfDay(for: Date().addingTimeInterval(today ? 0 : 30 * 86_400))
        func at(_ hour: Int) -> Date { midnight.addingTimeInterval(Double(hour) * 3600) }
        let created = try await client.createEvent(
            body: .json(
                .init(
                    slug: "forum-\(UUID().uuidString.prefix(8).lowercased())", kind: .forum, format: .hybrid,
                    title: .init(ar: "المنتدى البرلماني للجهات", fr: "Forum des régions"),
                    timezone: today ? "UTC" : "Africa/Casablanca", startsAt: today ? midnight : at(8),
                    endsAt: today ? midnight.addingTimeInterval(86_399) : at(17),
                    venue: .init(name: "Palais des congrès", city: "Saïdia"),
                    online: .init(platform: "Zoom", joinUrl: "https://example.org/join/forum")))
        )
        let event = try created.created.body.json.id
        var workshops: [String] = []
        for (title, start, end) in [("ورشة التمويل", 10, 12), ("Atelier numérique", 10, 12), ("Atelier RH", 13, 15)] {
            let session = try await client.createSession(
                path: .init(eventId: event),
                body: .json(
                    .init(
                        kind: .workshop, title: .init(fr: title), startsAt: at(start), endsAt: at(end),
                        capacity: workshopCapacity)))
            workshops.append(try session.created.body.json.id)
        }
        var capacities = [Components.Schemas.ModeCapacity(mode: .inPerson, capacity: inPerson)]
        if let online { capacities.append(.init(mode: .online, capacity: online)) }
        var input = Components.Schemas.RegistrationSettingsInput(capacities: capacities)
        settings(&input)
        _ = try await client.putRegistrationSettings(path: .init(eventId: event), body: .json(input)).ok
        _ = try await client.updateEvent(path: .init(eventId: event), body: .json(.init(status: .published))).ok
        return SaidiaForum(
            event: event, workshops: workshops, day: ISO8601DateFormatter().string(from: midnight).prefix(10).description)
    }

    /// The Agadir meeting on the communes' performance programme (seed 004), 2022-03-25 and 26,
    /// published, with its three workshops; a fictional rapporteur for the first workshop, a
    /// fictional coordinator for the second, and the directorate as the owner of follow-up.
    /// `using` must be an organiser's client.
    package static func agadirMeeting(using client: Client) async throws -> AgadirMeeting {
        // 2022-03-25T00:00:00Z
        let firstDay = Date(timeIntervalSince1970: 1_648_166_400)
        func at(_ hour: Double, day: Double = 0) -> Date { firstDay.addingTimeInterval((day * 24 + hour) * 3600) }
        let created = try await client.createEvent(
            body: .json(
                .init(
                    slug: "agadir-performance-communes-2022", kind: .meeting, format: .inPerson,
                    title: .init(
                        ar: "لقاء تواصلي حول برنامج تحسين أداء الجماعات",
                        fr: "Rencontre sur le programme d'amélioration de la performance des communes"),
                    timezone: "Africa/Casablanca", startsAt: at(8), endsAt: at(17, day: 1),
                    venue: .init(name: "Agadir", city: "Agadir"))))
        let event = try created.created.body.json.id
        var workshops: [String] = []
        let titles = [
            "تطوير نظام تقييم أداء الجماعات المستهدفة وتحفيزها", "تعزيز التعاون بين الجماعات الترابية", "تقوية القدرات",
        ]
        for (index, title) in titles.enumerated() {
            let start = Double(11 + index)
            let session = try await client.createSession(
                path: .init(eventId: event),
                body: .json(.init(kind: .workshop, title: .init(ar: title), startsAt: at(start), endsAt: at(start + 50.0 / 60))))
            workshops.append(try session.created.body.json.id)
        }
        let rapporteur = try await client.createPerson(
            body: .json(.init(fullName: .init(fr: "Rapporteur fictif de l'atelier 1")))
        ).created.body.json.id
        let coordinator = try await client.createPerson(
            body: .json(.init(fullName: .init(fr: "Coordinatrice fictive de l'atelier 2")))
        ).created.body.json.id
        for (workshop, person, role) in [
            (workshops[0], rapporteur, Components.Schemas.ParticipantRole.rapporteur),
            (workshops[1], coordinator, .coordinator),
        ] {
            _ = try await client.putParticipant(
                path: .init(eventId: event, sessionId: workshop, personId: person), body: .json(.init(role: role))
            ).ok
        }
        let owner = try await client.createOrganization(
            body: .json(.init(name: .init(ar: "المديرية العامة للجماعات الترابية"), kind: .ministry))
        ).created.body.json.id
        _ = try await client.updateEvent(path: .init(eventId: event), body: .json(.init(status: .published))).ok
        return AgadirMeeting(event: event, workshops: workshops, rapporteur: rapporteur, owner: owner)
    }
}
