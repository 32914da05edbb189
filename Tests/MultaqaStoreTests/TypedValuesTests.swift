import Foundation
import MultaqaDomain
import MultaqaStore
import MultaqaTestSupport
import PostgresNIO
import Testing

/// Enumerations are read from the database as themselves: a stored word the service does not
/// know (a row written by hand, a newer version's value after a rollback) makes the read fail,
/// never turns into some other value. The tables' CHECK constraints keep such words out, so each
/// test drops the one in its way first, in its own database.
@Suite("Typed stored values")
struct TypedValuesTests {
    static func execute(_ sql: PostgresQuery, _ database: Database) async throws {
        _ = try await database.client.query(sql, logger: database.logger).collect()
    }

    @Test("a token whose stored role is unknown authenticates nobody: the read throws", .isolatedDatabase)
    func unknownRole() async throws {
        try await TestDatabase.current!.withDatabase { database in
            let tokens = TokenStore(database: database)
            let (token, record) = try await tokens.create(name: "door", role: .organizer, personID: nil)
            #expect(record.role == .organizer)
            #expect(try await tokens.authenticate(token)?.role == .organizer)

            try await Self.execute("ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check", database)
            try await Self.execute("UPDATE api_tokens SET role = 'superuser' WHERE id = \(record.id)", database)

            let error = await #expect(throws: PostgresDecodingError.self) { try await tokens.authenticate(token) }
            #expect(error?.columnName == "role")
            await #expect(throws: PostgresDecodingError.self) { try await tokens.list() }
        }
    }

    @Test("a registration's enumerations round-trip; an unknown stored status or category fails the read", .isolatedDatabase)
    func unknownRegistrationValues() async throws {
        try await TestDatabase.current!.withDatabase { database in
            let event = try await EventStore(database: database).create(
                Event(
                    slug: "typed-values", kind: .webinar, format: .virtual, title: LocalizedText(fr: "Valeurs typées"),
                    timezone: "Africa/Casablanca", startsAt: Date().addingTimeInterval(86_400),
                    endsAt: Date().addingTimeInterval(90_000), online: .init(platform: "Zoom"), status: .published))
            #expect(event.kind == .webinar && event.format == .virtual && event.status == .published)

            let registrations = RegistrationStore(database: database)
            let settings = try await registrations.saveSettings(
                RegistrationSettings(
                    capacities: [.online: nil], categories: [.citizen, .researcher], requiredFields: [.affiliation]),
                eventID: event.id, expectedVersion: nil)
            #expect(settings.categories == [.citizen, .researcher] && settings.requiredFields == [.affiliation])
            #expect(Array(settings.capacities.keys) == [.online])

            let created = try await registrations.register(
                eventID: event.id,
                RegistrationRequest(
                    fullName: "Salma Idrissi", email: "salma@example.org", category: .researcher,
                    affiliation: .text("Université Ibn Zohr"), mode: .online, consent: true
                ).validated(),
                byOrganizer: false)
            let read = try await registrations.find(id: created.registration.id)
            #expect(read.status == .confirmed && read.mode == .online && read.category == .researcher)
            let filtered = try await registrations.list(
                eventID: event.id, .init(statuses: [.confirmed], mode: .online, category: .researcher), after: nil,
                limit: nil)
            #expect(filtered.map(\.id) == [read.id])

            try await Self.execute("ALTER TABLE registrations DROP CONSTRAINT registrations_status_check", database)
            try await Self.execute("UPDATE registrations SET status = 'postponed' WHERE id = \(read.id)", database)
            let error = await #expect(throws: PostgresDecodingError.self) { try await registrations.find(id: read.id) }
            #expect(error?.columnName == "status")
            await #expect(throws: PostgresDecodingError.self) {
                try await registrations.list(eventID: event.id, .init(), after: nil, limit: nil)
            }

            // One unknown word in a text[] fails the whole array, not just that element.
            try await Self.execute(
                "ALTER TABLE registration_settings DROP CONSTRAINT registration_categories_known", database)
            try await Self.execute(
                "UPDATE registration_settings SET categories = ARRAY['citizen', 'tourist'] WHERE event_id = \(event.id)",
                database)
            await #expect(throws: PostgresDecodingError.self) { try await registrations.settings(eventID: event.id) }
        }
    }

    @Test("an event whose stored status is unknown is read as no status at all: the read throws", .isolatedDatabase)
    func unknownEventStatus() async throws {
        try await TestDatabase.current!.withDatabase { database in
            let events = EventStore(database: database)
            let event = try await events.create(
                Event(
                    slug: "postponed", kind: .forum, format: .inPerson, title: LocalizedText(ar: "منتدى"),
                    timezone: "Africa/Casablanca", startsAt: Date().addingTimeInterval(86_400),
                    endsAt: Date().addingTimeInterval(90_000), venue: .init(name: "Agadir")))
            let drafts = try await events.list(.init(statuses: [.draft], format: .inPerson), after: nil, limit: 10)
            #expect(drafts.map(\.id) == [event.id])

            try await Self.execute("ALTER TABLE events DROP CONSTRAINT events_status_check", database)
            try await Self.execute("UPDATE events SET status = 'postponed' WHERE id = \(event.id)", database)
            await #expect(throws: PostgresDecodingError.self) { try await events.find(event.id.uuidString) }
            // The program cache's stamp reads the status too: an unknown one is no answer, not "private".
            await #expect(throws: PostgresDecodingError.self) {
                try await ProgramStore(database: database).stamp("postponed")
            }
        }
    }
}
