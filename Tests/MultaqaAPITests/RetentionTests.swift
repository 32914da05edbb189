import Foundation
import MultaqaAPI
import MultaqaAPIClient
import MultaqaDomain
import MultaqaServices
import MultaqaStore
import MultaqaTestSupport
import OpenAPIRuntime
import PostgresNIO
import Testing

/// Personal data kept no longer than needed, on the Agadir meeting (seed 004, March 2022, long
/// over): a purge erases every personal field wherever it was kept and leaves the statistics as
/// they were; every export that holds personal data, and every purge, is recorded in the same
/// transaction, and nobody can change the record.
@Suite("Retention of personal data and the record of its use")
struct RetentionTests {
    typealias Input = Components.Schemas.RegistrationInput

    /// Three attendees with everything personal a registration may hold: names in Arabic and
    /// French, addresses, phones, positions, affiliations; one registered with an
    /// Idempotency-Key (its answer, with the name, is kept for retries); two checked in; a sent
    /// mail whose relay error quoted an address; one unsent mail.
    static let people: [(name: String, email: String, phone: String, position: String, affiliation: String)] = [
        ("فاطمة الزهراء العلوي", "fz.alaoui@commune-agadir.ma", "+212 661 234 567", "رئيسة لجنة التعمير", "جماعة أكادير"),
        (
            "Élodie Benjelloun", "elodie.benjelloun@region-sm.ma", "+212 662 765 432", "Directrice des services",
            "Association Tafraout Avenir"
        ),
        ("Karim Ouazzani", "k.ouazzani@interieur.gov.ma", "+212 663 111 222", "Chef de division", "DGCT"),
    ]

    static func meeting(_ api: Client) async throws -> (meeting: AgadirMeeting, codes: [String]) {
        let meeting = try await Fixtures.agadirMeeting(using: api)
        _ = try await api.putRegistrationSettings(
            path: .init(eventId: meeting.event), body: .json(.init(capacities: [.init(mode: .inPerson, capacity: 100)]))
        ).ok
        var codes: [String] = []
        for (index, person) in people.enumerated() {
            let created = try await api.createRegistration(
                path: .init(eventId: meeting.event),
                headers: index == 0 ? .init(idempotencyKey: "retention-\(index)") : .init(),
                body: .json(
                    Input(
                        fullName: person.name, email: person.email, phone: person.phone, category: .electedOfficial,
                        affiliation: .init(text: person.affiliation), position: person.position, mode: .inPerson,
                        consent: true))
            ).created.body.json
            codes.append(created.value1.checkInCode)
        }
        for (index, day) in [(0, "2022-03-25"), (1, "2022-03-25"), (0, "2022-03-26")] {
            _ = try await api.createCheckIn(
                path: .init(eventId: meeting.event), body: .json(.init(code: codes[index], day: day))
            ).created
        }
        try await #require(TestDatabase.current).withDatabase { database in
            // The first confirmation left, and its relay's error quoted the address; the others wait.
            _ = try await database.client.query(
                """
                UPDATE notification_outbox SET sent_at = now(), last_error = \("550 5.1.1 <\(people[0].email)>: mailbox full")
                WHERE id = (SELECT min(id) FROM notification_outbox)
                """, logger: database.logger
            ).collect()
        }
        return (meeting, codes)
    }

    /// Every row of every table as text, and the bodies kept for retries as UTF-8: where personal
    /// data could hide.
    static func everything(_ database: Database) async throws -> String {
        let tables = try await database.client.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", logger: database.logger
        ).collect().map { try $0.decode(String.self) }
        var text = ""
        for table in tables {
            // A table name from the catalog, quoted as an identifier: never a value.
            let rows = try await database.client.query(
                "SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \(unescaped: "\"" + table + "\"") t",
                logger: database.logger
            ).collect()
            text += table + ":\n" + (try rows.first?.decode(String.self) ?? "") + "\n"
        }
        let bodies = try await database.client.query(
            "SELECT coalesce(string_agg(convert_from(body, 'UTF8'), E'\\n'), '') FROM idempotency_keys WHERE body IS NOT NULL",
            logger: database.logger
        ).collect()
        return text + (try bodies.first?.decode(String.self) ?? "")
    }

    @Test(
        "a purge leaves the attendance figures identical and no personal field anywhere: registrations, check-ins, outbox, kept answers",
        .isolatedDatabase)
    func purge() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let (meeting, _) = try await Self.meeting(api)
            let database = try #require(TestDatabase.current)
            let before = try await api.getAttendance(path: .init(eventId: meeting.event)).ok.body.json
            let held = try await database.withDatabase { try await Self.everything($0) }
            // The search below must be able to find what it looks for.
            for person in Self.people {
                #expect(held.contains(person.name) && held.contains(person.email) && held.contains(person.phone))
            }
            let event = try #require(UUID(uuidString: meeting.event))
            let holding = try await database.withDatabase { try await RetentionStore(database: $0).holding(eventID: event) }
            #expect(holding.registrations == 3)
            let erased = try await database.withDatabase {
                try await RetentionStore(database: $0).purge(eventID: event, by: .command("purge"))
            }
            #expect(erased == 3)

            let after = try await api.getAttendance(path: .init(eventId: meeting.event)).ok.body.json
            #expect(after == before)
            #expect(after.checkedInByDay.additionalProperties == ["2022-03-25": 2, "2022-03-26": 1])
            let left = try await database.withDatabase { try await Self.everything($0) }
            for person in Self.people {
                for field in [person.name, person.email, person.phone, person.position, person.affiliation] {
                    #expect(!left.contains(field), "\(field) is still stored")
                }
            }
            // The registrations stand, nameless: still confirmed, still counted, codes still theirs.
            let list = try await api.listRegistrations(path: .init(eventId: meeting.event)).ok.body.json.items
            #expect(list.count == 3 && list.allSatisfy { $0.fullName == nil && $0.email == nil && $0.status == .confirmed })
            // A second purge finds nothing left, and says so.
            let again = try await database.withDatabase {
                try await RetentionStore(database: $0).purge(eventID: event, by: .command("purge"))
            }
            #expect(again == 0)
            let record = try await api.listAuditRecords(query: .init(eventId: meeting.event)).ok.body.json.items
            #expect(record.map(\.action) == [.personalDataPurged, .personalDataPurged])
            #expect(record.map(\.people) == [0, 3])
            #expect(
                record.allSatisfy { $0.actor.hasPrefix("multaqa purge (") && $0.eventSlug == "agadir-performance-communes-2022" })
        }
    }

    @Test(
        "the janitor purges events past their period, their own or the default, and no other; a period is a setting of the event",
        .isolatedDatabase)
    func janitor() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let (meeting, _) = try await Self.meeting(api)
            let database = try #require(TestDatabase.current)
            let settings = try await api.getRegistrationSettings(path: .init(eventId: meeting.event)).ok.body.json
            // The meeting ended on 2022-03-26 at 17:00 UTC; the tests' default keeps data 365 days.
            #expect(settings.retentionDays == nil)
            #expect(settings.personalDataKeptUntil == Date(timeIntervalSince1970: 1_648_314_000 + 365 * 86_400))
            let tooLong = try await api.putRegistrationSettings(
                path: .init(eventId: meeting.event),
                body: .json(.init(capacities: [.init(mode: .inPerson, capacity: 100)], retentionDays: 4000)))
            #expect(try expectProblem(in: tooLong, status: 422)?.mentions("retentionDays") == true)
            // Its own period: ten years, so that the default (365 days, long past) does not apply.
            let own = try await api.putRegistrationSettings(
                path: .init(eventId: meeting.event),
                body: .json(.init(capacities: [.init(mode: .inPerson, capacity: 100)], retentionDays: 3650))
            ).ok.body.json
            #expect(own.retentionDays == 3650)
            try await database.withDatabase { db in
                let store = RetentionStore(database: db)
                #expect(try await RetentionJanitor(store: store, defaultDays: 365, logger: .quiet).purgeDue().isEmpty)
                // Ten years later, it is due.
                let later = Date(timeIntervalSince1970: 1_648_314_000 + 3651 * 86_400)
                let purged = try await RetentionJanitor(store: store, defaultDays: 365, logger: .quiet).purgeDue(now: later)
                #expect(purged.map(\.slug) == ["agadir-performance-communes-2022"] && purged.map(\.erased) == [3])
            }
            let record = try await api.listAuditRecords(query: .init(action: .personalDataPurged)).ok.body.json.items
            #expect(record.count == 1 && record.first?.actor == "retention janitor" && record.first?.people == 3)
            #expect(record.first?.detail.additionalProperties == ["endedAt": "2022-03-26", "retentionDays": "3650"])
        }
    }

    @Test(
        "each export of personal data is recorded with its reader, terms and head count, and the record cannot be changed",
        .isolatedDatabase)
    func exportsRecorded() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: organizer)
            let (meeting, _) = try await Self.meeting(api)
            let csv = try await api.exportRegistrations(
                path: .init(eventId: meeting.event), query: .init(category: .electedOfficial, q: "Karim")
            ).ok
            let text = String(decoding: try await Data(collecting: try csv.body.csv, upTo: 1 << 20), as: UTF8.self)
            #expect(text.contains("Karim Ouazzani"))
            _ = try await api.getReport(
                path: .init(eventId: meeting.event, report: .attendance), query: .init(format: .csv, lang: "fr")
            ).ok
            // The public programme holds nobody's data: not recorded.
            _ = try await api.getReport(path: .init(eventId: meeting.event, report: .program), query: .init(format: .md)).ok

            let records = try await api.listAuditRecords(query: .init(eventId: meeting.event)).ok.body.json.items
            #expect(records.map(\.action) == [.attendanceExported, .registrationsExported])
            #expect(records.map(\.people) == [3, 1])
            #expect(records.allSatisfy { $0.actor == "test organizer" && $0.tokenId != nil })
            // The search's words may be a name: only the fact of a search is kept.
            #expect(
                records.last?.detail.additionalProperties
                    == ["category": "elected_official", "format": "csv", "search": "yes"])
            #expect(records.first?.detail.additionalProperties == ["format": "csv", "languages": "fr"])
            // Paging, newest first.
            let first = try await api.listAuditRecords(query: .init(limit: 1)).ok.body.json
            let second = try await api.listAuditRecords(query: .init(cursor: first.nextCursor, limit: 1)).ok.body.json
            #expect(first.items.map(\.id) + second.items.map(\.id) == records.map(\.id) && second.nextCursor == nil)

            // Not for rapporteurs, not for anybody.
            let rapporteur = try await makeToken(.rapporteur)
            #expect(try expectProblem(in: try await Client(app, token: rapporteur).listAuditRecords(), status: 403) != nil)
            #expect(try expectProblem(in: try await Client(app).listAuditRecords(), status: 401) != nil)

            try await #require(TestDatabase.current).withDatabase { database in
                for statement: PostgresQuery in [
                    "UPDATE audit_records SET people = 0", "DELETE FROM audit_records", "TRUNCATE audit_records",
                ] {
                    await #expect(throws: DomainError.self) {
                        _ = try await database.client.query(statement, logger: database.logger).collect()
                    }
                }
                // No record, no export: an export whose record cannot be written is not answered.
                _ = try await database.client.query(
                    """
                    CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS
                    $$ BEGIN RAISE EXCEPTION 'the record is unavailable'; END; $$
                    """, logger: database.logger
                ).collect()
                _ = try await database.client.query(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_records FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
                    logger: database.logger
                ).collect()
            }
            let refused = try await api.exportRegistrations(path: .init(eventId: meeting.event))
            #expect(try expectProblem(in: refused, status: 500) != nil)
            let badges = try await api.getEventBadges(path: .init(eventId: meeting.event))
            #expect(try expectProblem(in: badges, status: 500) != nil)
        }
    }
}
