import Foundation
import MultaqaDomain
import MultaqaStore

/// The meetings of ../shared/DOMAIN.md as the built-in demo, created through the same
/// domain rules and stores the API uses: every value is validated as an API request would be.
/// Loading is idempotent (a meeting whose slug exists is left as it is); `reset` removes the
/// demo's meetings and its fictional people first.
public struct DemoLoader: Sendable {
    public struct Report: Sendable, Equatable {
        public var eventsCreated: [String] = []
        public var eventsKept: [String] = []
        public var registrations = 0
        public var checkIns = 0
        public var recommendations = 0

        public init() {}
    }

    /// Fictional people are recognisable by this email domain (example.org is reserved for
    /// documentation) and by "(fictif)" / "(شخصية تجريبية)" in their names.
    public static let fictionalDomain = "demo.example.org"
    public static let slugs = [Seed000.slug, Seed001.slug, Seed002.slug, Seed004.slug, Seed003.slug, SeedUpcoming.slug]

    let database: Database
    let progress: @Sendable (String) -> Void

    public init(database: Database, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.database = database
        self.progress = progress
    }

    public func load(reset: Bool = false) async throws -> Report {
        if reset { try await DemoStore(database: database).remove(slugs: Self.slugs, fictionalDomain: Self.fictionalDomain) }
        var report = Report()
        let context = DemoContext(database: database, progress: progress)
        for seed in [Seed000.load, Seed001.load, Seed002.load, Seed004.load, Seed003.load, SeedUpcoming.load] {
            try await seed(context, &report)
        }
        return report
    }
}

/// What the seeds share: stores, the organisations already made (reused by name), times in
/// Casablanca.
struct DemoContext: Sendable {
    let database: Database
    let progress: @Sendable (String) -> Void

    var events: EventStore { EventStore(database: database) }
    var schedule: ScheduleStore { ScheduleStore(database: database) }
    var people: PersonStore { PersonStore(database: database) }

    /// An organization with this name, made once.
    func organization(
        _ name: LocalizedText, acronym: String? = nil, kind: Organization.Kind, country: String? = nil
    ) async throws -> UUID {
        let store = OrganizationStore(database: database)
        let key = name.ar ?? name.fr ?? name.en ?? ""
        if let existing = try await store.list(search: key, after: nil, limit: 50).first(where: {
            $0.name.ar == name.ar && $0.name.fr == name.fr
        }) {
            return existing.id
        }
        let input = try OrganizationInput(name: name, acronym: acronym, kind: kind, country: country).validated(forCreation: true)
        return try await store.create(input).id
    }

    func series(_ name: LocalizedText, kind: EventSeries.Kind) async throws -> UUID {
        let store = SeriesStore(database: database)
        if let existing = try await store.list().first(where: { $0.name == name }) { return existing.id }
        return try await store.create(try EventSeries(kind: kind, name: name).validated()).id
    }

    /// A meeting not loaded yet: nil when its slug exists (a second load changes nothing).
    func newEvent(_ event: Event, report: inout DemoLoader.Report) async throws -> Event? {
        if (try? await events.find(event.slug)) != nil {
            report.eventsKept.append(event.slug)
            return nil
        }
        progress("creating \(event.slug)")
        let created = try await events.create(try event.validated())
        report.eventsCreated.append(event.slug)
        return created
    }

    func publish(_ event: Event) async throws {
        var published = event
        published.status = try event.transition(to: .published)
        _ = try await events.save(published, expectedVersion: event.version)
    }

    /// A person, made once: an official who speaks at several meetings is one person.
    func person(
        _ name: LocalizedText, honorific: LocalizedText = .init(), position: LocalizedText = .init(), organization: UUID? = nil,
        country: String = "MA", email: String? = nil
    ) async throws -> UUID {
        if email == nil, let key = name.ar ?? name.fr,
            let existing = try await people.list(search: key, organizationID: nil, after: nil, limit: 20).first(where: {
                $0.fullName == name
            })
        {
            return existing.id
        }
        return try await people.create(
            try Person(
                honorific: honorific, fullName: name, position: position, organizationID: organization, country: country,
                email: email
            ).validated()
        ).id
    }

    func session(
        _ event: Event, _ kind: Session.Kind, _ title: LocalizedText, day: String, from: String, to: String, room: UUID? = nil,
        capacity: Int? = nil
    ) async throws -> UUID {
        try await schedule.createSession(
            try Session(
                eventID: event.id, kind: kind, title: title, startsAt: Self.time(day, from), endsAt: Self.time(day, to),
                roomID: room, capacity: capacity
            ).validated()
        ).id
    }

    func take(
        _ event: Event, session: UUID, person: UUID, role: Participant.Role, order: Int = 0, talk: LocalizedText = .init()
    ) async throws {
        _ = try await schedule.putParticipant(
            try Participant(sessionID: session, personID: person, role: role, talkTitle: talk, displayOrder: order).validated(),
            eventID: event.id)
    }

    /// A media link; the addresses are placeholders on example.org.
    func link(
        _ event: Event, session: UUID? = nil, _ kind: MediaLink.Kind, _ title: LocalizedText, _ path: String,
        language: String? = nil
    ) async throws {
        _ = try await MediaLinkStore(database: database).create(
            try MediaLink(
                eventID: event.id, sessionID: session, kind: kind, title: title, url: "https://example.org/\(path)",
                language: language, publishedAt: event.startsAt
            ).validated())
    }

    /// "2022-03-25" at "09:30" in Casablanca.
    static func time(_ day: String, _ clock: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Africa/Casablanca")!
        let d = day.split(separator: "-").compactMap { Int($0) }
        let c = clock.split(separator: ":").compactMap { Int($0) }
        return calendar.date(from: DateComponents(year: d[0], month: d[1], day: d[2], hour: c[0], minute: c[1]))!
    }
}
