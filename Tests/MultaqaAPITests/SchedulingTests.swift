import Foundation
import HTTPTypes
import MultaqaDomain
import MultaqaTestSupport
import Testing

/// The meetings of ../shared/DOMAIN.md set up through the API as organisers would.
@Suite("Scheduling through the API")
struct SchedulingTests {
    /// Seed 000: a virtual meeting, an organiser and six partners, opening speeches, four
    /// presentations and an open discussion, on 2020-11-03 (Africa/Casablanca, UTC+1 that day).
    static func setUpSeed000(_ api: TestAPI) async throws -> (event: String, sessions: [String]) {
        let event = try await api.post(
            "/v1/events",
            #"""
            {"slug": "covid19-collectivites-2020", "kind": "webinar", "format": "virtual",
             "title": {"ar": "الجماعات الترابية المغربية والفرنسية في مواجهة كوفيد-19: تقاسم التجارب",
                       "fr": "Les collectivités territoriales marocaines et françaises face à la COVID-19"},
             "timezone": "Africa/Casablanca", "startsAt": "2020-11-03T08:00:00Z", "endsAt": "2020-11-03T13:00:00Z",
             "online": {"platform": "Zoom", "streamUrl": "https://example.org/live", "joinUrl": "https://example.org/join/secret"},
             "languages": ["ar", "fr"], "interpretation": true}
            """#)
        #expect(event.status == .created, "\(event.body)")
        let eventID = event.id
        // The meeting is one of a series of virtual meetings (2020-10-26, 2020-11-03, 2020-11-24).
        let series = try await api.post(
            "/v1/series", #"{"kind": "series", "name": {"fr": "Rencontres virtuelles franco-marocaines 2020"}}"#)
        #expect(series.status == .created)
        #expect(try await api.patch("/v1/events/\(eventID)", #"{"seriesId": "\#(series.id)"}"#).status == .ok)
        let unknown = try await api.patch("/v1/events/\(eventID)", #"{"seriesId": "\#(UUID().uuidString)"}"#)
        #expect(unknown.status == .unprocessableContent)
        #expect(unknown.body.contains("seriesId"))
        let partners = [
            ("المديرية العامة للجماعات الترابية", "ministry", "organizer"),
            ("Délégation pour l'action extérieure des collectivités territoriales", "ministry", "co_organizer"),
            ("Cités Unies France", "association", "co_organizer"),
            ("Ambassade de France au Maroc", "embassy", "co_organizer"),
            ("جمعية رؤساء مجالس الجهات", "association", "co_organizer"),
            ("الجمعية المغربية لرؤساء مجالس العمالات والأقاليم", "association", "co_organizer"),
            ("الجمعية المغربية لرؤساء المجالس الجماعية", "association", "co_organizer"),
        ]
        for (order, (name, kind, role)) in partners.enumerated() {
            let language = name.unicodeScalars.first!.value > 0x600 ? "ar" : "fr"
            let organization = try await api.post(
                "/v1/organizations", #"{"name": {"\#(language)": "\#(name)"}, "kind": "\#(kind)"}"#)
            #expect(organization.status == .created)
            let partner = try await api.put(
                "/v1/events/\(eventID)/partners/\(organization.id)", #"{"role": "\#(role)", "displayOrder": \#(order)}"#)
            #expect(partner.status == .ok, "\(partner.body)")
        }
        var sessions: [String] = []
        let slots = [
            ("opening", "الجلسة الافتتاحية", "09:00", "09:45"),
            ("talk", "Financement des collectivités face à la crise", "09:45", "10:15"),
            ("talk", "Continuité des services communaux", "10:15", "10:45"),
            ("talk", "L'expérience d'une ville française", "10:45", "11:15"),
            ("talk", "Le rôle des régions", "11:15", "11:45"),
            ("discussion", "Débat ouvert", "11:45", "12:45"),
        ]
        for (kind, title, start, end) in slots {
            let session = try await api.post(
                "/v1/events/\(eventID)/sessions",
                #"{"kind": "\#(kind)", "title": {"fr": "\#(title)"}, "startsAt": "2020-11-03T\#(start):00+01:00", "endsAt": "2020-11-03T\#(end):00+01:00"}"#
            )
            #expect(session.status == .created, "\(session.body)")
            sessions.append(session.id)
        }
        let speakers = [
            ("الوالي المدير العام للجماعات الترابية", "السيد", 0),
            ("Ambassadrice de France au Maroc", "Madame", 0),
            ("Chargé de programme, Banque mondiale", "M.", 1),
            ("Adjoint au maire", "M.", 3),
        ]
        for (position, honorific, slot) in speakers {
            let person = try await api.post(
                "/v1/people",
                #"{"fullName": {"fr": "Personne fictive \#(slot)-\#(honorific)"}, "honorific": {"fr": "\#(honorific)"}, "position": {"fr": "\#(position)"}, "email": "speaker\#(slot)\#(honorific.count)@example.org"}"#
            )
            #expect(person.status == .created, "\(person.body)")
            let put = try await api.put(
                "/v1/events/\(eventID)/sessions/\(sessions[slot])/participants/\(person.id)", #"{"role": "speaker"}"#)
            #expect(put.status == .ok, "\(put.body)")
        }
        return (eventID, sessions)
    }

    @Test("seed 000: the virtual meeting's program, partners in order, times in Casablanca", .isolatedDatabase)
    func seed000Program() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let (event, _) = try await Self.setUpSeed000(api)

            // A draft is the organisers' business: the public gets 404.
            #expect(try await api.anonymous().get("/v1/events/\(event)/program").status == .notFound)
            let published = try await api.patch("/v1/events/\(event)", #"{"status": "published"}"#)
            #expect(published.status == .ok, "\(published.body)")

            let program = try await api.anonymous().get("/v1/events/covid19-collectivites-2020/program")
            #expect(program.status == .ok, "\(program.body)")
            let days = program.json["days"] as? [[String: Any]] ?? []
            #expect((program.json["event"] as? [String: Any])?["seriesId"] is String)
            #expect(days.count == 1)
            #expect(days.first?["date"] as? String == "2020-11-03")
            let sessions = days.first?["sessions"] as? [[String: Any]] ?? []
            #expect(sessions.count == 6)
            #expect(sessions.first?["localStart"] as? String == "09:00")
            #expect(sessions.last?["kind"] as? String == "discussion")
            let opening = sessions.first?["participants"] as? [[String: Any]] ?? []
            #expect(opening.count == 2)
            let partners = program.json["partners"] as? [[String: Any]] ?? []
            #expect(partners.count == 7)
            #expect(partners.first?["role"] as? String == "organizer")
            let firstName = (partners.first?["organization"] as? [String: Any])?["name"] as? [String: Any]
            #expect(firstName?["ar"] as? String == "المديرية العامة للجماعات الترابية")
            #expect(program.body.contains("الجماعات الترابية المغربية والفرنسية في مواجهة كوفيد-19"))
            let listed = try await api.anonymous().get("/v1/events/\(event)/partners")
            #expect(listed.items.count == 7)
            #expect(listed.items.first?["role"] as? String == "organizer")
            // Private fields never reach the public program.
            #expect(!program.body.contains("example.org/join/secret"))
            #expect(!program.body.contains("@example.org"))

            // 304 while nothing changed; a change anywhere in the program changes the ETag at once,
            // also for the cached public copy.
            let etag = try #require(program.headers[.eTag])
            let again = try await api.anonymous().get("/v1/events/\(event)/program")
            #expect(again.body == program.body)
            #expect(again.headers[.eTag] == etag)
            #expect(
                try await api.anonymous().get("/v1/events/\(event)/program", headers: [.ifNoneMatch: etag]).status == .notModified
            )
            #expect(try await api.get("/v1/events/\(event)/program", headers: [.ifNoneMatch: etag]).status == .notModified)
            let person = try await api.get("/v1/people?limit=1")
            let personID = person.items.first?["id"] as? String ?? ""
            #expect(try await api.patch("/v1/people/\(personID)", #"{"position": {"ar": "منصب جديد"}}"#).status == .ok)
            let after = try await api.anonymous().get("/v1/events/\(event)/program", headers: [.ifNoneMatch: etag])
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != etag)
            #expect(after.body.contains("منصب جديد"))
        }
    }

    /// Seed 004: two days in Agadir, three parallel workshops, each with a coordinator and a rapporteur.
    @Test("seed 004: two days, parallel workshops in their rooms, coordinators and rapporteurs", .isolatedDatabase)
    func seed004Workshops() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let event = try await api.post(
                "/v1/events",
                #"""
                {"slug": "programme-performance-communes-agadir", "kind": "meeting", "format": "in_person",
                 "title": {"ar": "لقاء حول برنامج تحسين أداء الجماعات", "fr": "Rencontre sur le programme d'amélioration de la performance des communes"},
                 "timezone": "Africa/Casablanca", "startsAt": "2022-03-25T08:00:00Z", "endsAt": "2022-03-26T18:00:00Z",
                 "venue": {"name": "Hôtel", "city": "Agadir"}}
                """#)
            #expect(event.status == .created, "\(event.body)")
            let eventID = event.id
            var workshops: [String] = []
            for (index, topic) in ["نظام تقييم الأداء", "التعاون بين الجماعات", "تقوية القدرات"].enumerated() {
                let room = try await api.post("/v1/events/\(eventID)/rooms", #"{"name": "Salle \#(index + 1)", "capacity": 40}"#)
                #expect(room.status == .created)
                let workshop = try await api.post(
                    "/v1/events/\(eventID)/sessions",
                    #"{"kind": "workshop", "title": {"ar": "ورشة: \#(topic)"}, "startsAt": "2022-03-25T14:00:00Z", "endsAt": "2022-03-25T17:00:00Z", "roomId": "\#(room.id)", "capacity": 35, "track": "atelier-\#(index + 1)"}"#
                )
                #expect(workshop.status == .created, "\(workshop.body)")
                workshops.append(workshop.id)
                for role in ["coordinator", "rapporteur"] {
                    let person = try await api.post("/v1/people", #"{"fullName": {"ar": "شخص وهمي \#(role) \#(index)"}}"#)
                    let put = try await api.put(
                        "/v1/events/\(eventID)/sessions/\(workshop.id)/participants/\(person.id)", #"{"role": "\#(role)"}"#)
                    #expect(put.status == .ok, "\(put.body)")
                }
            }
            let closing = try await api.post(
                "/v1/events/\(eventID)/sessions",
                #"{"kind": "closing", "title": {"fr": "Lecture des recommandations"}, "startsAt": "2022-03-26T10:00:00Z", "endsAt": "2022-03-26T12:00:00Z"}"#
            )
            #expect(closing.status == .created)

            let program = try await api.get("/v1/events/\(eventID)/program")
            let days = program.json["days"] as? [[String: Any]] ?? []
            #expect(days.map { $0["date"] as? String } == ["2022-03-25", "2022-03-26"])
            let firstDay = days.first?["sessions"] as? [[String: Any]] ?? []
            #expect(firstDay.count == 3)
            #expect(firstDay.allSatisfy { ($0["participants"] as? [Any])?.count == 2 })
            #expect(firstDay.allSatisfy { ($0["room"] as? [String: Any])?["capacity"] as? Int == 40 })
        }
    }

    @Test("the rules the database enforces come back as 409 and 422 problems naming the rule", .isolatedDatabase)
    func rules() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let event = try await api.post(
                "/v1/events",
                #"{"slug": "forum-saidia", "kind": "forum", "format": "in_person", "title": {"fr": "Forum"}, "timezone": "Africa/Casablanca", "startsAt": "2024-05-06T08:00:00Z", "endsAt": "2024-05-07T18:00:00Z", "venue": {"name": "Palais des congrès", "city": "Saïdia"}}"#
            )
            let eventID = event.id
            let room = try await api.post("/v1/events/\(eventID)/rooms", #"{"name": "Grande salle", "capacity": 100}"#)
            let first = try await api.post(
                "/v1/events/\(eventID)/sessions",
                #"{"kind": "plenary", "title": {"fr": "Plénière"}, "startsAt": "2024-05-06T09:00:00Z", "endsAt": "2024-05-06T10:00:00Z", "roomId": "\#(room.id)"}"#
            )
            #expect(first.status == .created)

            // A room never holds two overlapping sessions.
            let overlap = try await api.post(
                "/v1/events/\(eventID)/sessions",
                #"{"kind": "talk", "title": {"fr": "Chevauche"}, "startsAt": "2024-05-06T09:30:00Z", "endsAt": "2024-05-06T10:30:00Z", "roomId": "\#(room.id)"}"#
            )
            #expect(overlap.status == .conflict)
            #expect(overlap.json["rule"] as? String == "sessions_room_no_overlap")
            #expect(overlap.headers[.contentType] == "application/problem+json")
            // It names the session already in the room, as the person clash does.
            let occupant = try Self.conflictingSession(overlap)
            #expect(occupant.id == first.id && occupant.title.fr == "Plénière", "\(overlap.body)")
            #expect(occupant.startsAt == "2024-05-06T09:00:00Z" && occupant.endsAt == "2024-05-06T10:00:00Z")
            #expect((overlap.json["detail"] as? String)?.contains(first.id) == true, "\(overlap.body)")

            // Back to back is fine: ranges are half-open.
            let next = try await api.post(
                "/v1/events/\(eventID)/sessions",
                #"{"kind": "talk", "title": {"fr": "Suite"}, "startsAt": "2024-05-06T10:00:00Z", "endsAt": "2024-05-06T11:00:00Z", "roomId": "\#(room.id)"}"#
            )
            #expect(next.status == .created)
            // Moving a session into an occupied slot names the occupant too.
            let moved = try await api.patch(
                "/v1/events/\(eventID)/sessions/\(next.id)",
                #"{"startsAt": "2024-05-06T09:45:00Z", "endsAt": "2024-05-06T10:45:00Z"}"#)
            #expect(moved.status == .conflict && (try? Self.conflictingSession(moved).id) == first.id, "\(moved.body)")

            // A session lies within its event's dates.
            let outside = try await api.post(
                "/v1/events/\(eventID)/sessions",
                #"{"kind": "talk", "title": {"fr": "Hors dates"}, "startsAt": "2024-05-08T09:00:00Z", "endsAt": "2024-05-08T10:00:00Z"}"#
            )
            #expect(outside.status == .unprocessableContent)
            #expect(outside.body.contains("startsAt"))

            // End after start, checked before the database.
            let backwards = try await api.post(
                "/v1/events/\(eventID)/sessions",
                #"{"kind": "talk", "title": {"fr": "À l'envers"}, "startsAt": "2024-05-06T12:00:00Z", "endsAt": "2024-05-06T11:00:00Z"}"#
            )
            #expect(backwards.status == .unprocessableContent)

            // A workshop is no larger than its room.
            let crowded = try await api.post(
                "/v1/events/\(eventID)/sessions",
                #"{"kind": "workshop", "title": {"fr": "Atelier"}, "startsAt": "2024-05-06T14:00:00Z", "endsAt": "2024-05-06T15:00:00Z", "roomId": "\#(room.id)", "capacity": 150}"#
            )
            #expect(crowded.status == .unprocessableContent)
            #expect(crowded.body.contains("capacity"))

            // A person cannot hold two overlapping sessions: 409 naming the other session.
            let other = try await api.post(
                "/v1/events/\(eventID)/sessions",
                #"{"kind": "panel", "title": {"fr": "Panel parallèle"}, "startsAt": "2024-05-06T09:15:00Z", "endsAt": "2024-05-06T09:45:00Z"}"#
            )
            let person = try await api.post("/v1/people", #"{"fullName": {"ar": "متحدث وهمي"}}"#)
            #expect(
                try await api.put("/v1/events/\(eventID)/sessions/\(first.id)/participants/\(person.id)", #"{"role": "speaker"}"#)
                    .status == .ok)
            let busy = try await api.put(
                "/v1/events/\(eventID)/sessions/\(other.id)/participants/\(person.id)", #"{"role": "moderator"}"#)
            #expect(busy.status == .conflict)
            #expect(busy.json["rule"] as? String == "session_participants_no_overlap")
            #expect((busy.json["detail"] as? String)?.contains(first.id) == true)
            #expect((try? Self.conflictingSession(busy).id) == first.id, "\(busy.body)")

            // A cancelled event no longer keeps its people busy.
            #expect(try await api.patch("/v1/events/\(eventID)", #"{"status": "cancelled"}"#).status == .ok)
            #expect(
                try await api.put(
                    "/v1/events/\(eventID)/sessions/\(other.id)/participants/\(person.id)", #"{"role": "moderator"}"#
                ).status == .ok)

            // Slugs are unique.
            let duplicate = try await api.post(
                "/v1/events",
                #"{"slug": "forum-saidia", "kind": "forum", "format": "virtual", "title": {"fr": "Autre"}, "timezone": "UTC", "startsAt": "2024-05-06T08:00:00Z", "endsAt": "2024-05-07T18:00:00Z", "online": {"platform": "Zoom"}}"#
            )
            #expect(duplicate.status == .conflict)

            // An organization that is a partner somewhere cannot be deleted.
            let organization = try await api.post(
                "/v1/organizations", #"{"name": {"fr": "Programme d'appui"}, "kind": "agency"}"#)
            #expect(try await api.put("/v1/events/\(eventID)/partners/\(organization.id)", #"{"role": "funder"}"#).status == .ok)
            let refused = try await api.delete("/v1/organizations/\(organization.id)")
            #expect(refused.status == .conflict)
            #expect(try await api.delete("/v1/events/\(eventID)/partners/\(organization.id)").status == .noContent)
            #expect(try await api.delete("/v1/organizations/\(organization.id)").status == .noContent)

            // Moving the event so that sessions fall outside it is refused.
            let shrink = try await api.patch("/v1/events/\(eventID)", #"{"endsAt": "2024-05-06T09:30:00Z"}"#)
            #expect(shrink.status == .unprocessableContent)

            // In-person events need a venue; the rule names the field.
            let noVenue = try await api.patch("/v1/events/\(eventID)", #"{"format": "hybrid"}"#)
            #expect(noVenue.status == .unprocessableContent)
            #expect(noVenue.body.contains("online.platform"))
        }
    }

    @Test("events: lifecycle, stale If-Match, drafts hidden, filters and pages", .isolatedDatabase)
    func eventsListing() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            for day in 1...5 {
                let format = day % 2 == 0 ? "virtual" : "in_person"
                let place = format == "virtual" ? #""online": {"platform": "YouTube"}"# : #""venue": {"name": "Rabat"}"#
                let created = try await api.post(
                    "/v1/events",
                    #"{"slug": "event-\#(day)", "kind": "seminar", "format": "\#(format)", "title": {"fr": "Séminaire \#(day)", "ar": "ندوة \#(day)"}, "timezone": "Africa/Casablanca", "startsAt": "2022-02-0\#(day)T09:00:00Z", "endsAt": "2022-02-0\#(day)T12:00:00Z", \#(place)}"#
                )
                #expect(created.status == .created, "\(created.body)")
                if day <= 4 {
                    #expect(try await api.patch("/v1/events/event-\(day)", #"{"status": "published"}"#).status == .ok)
                }
            }
            // The public sees the four published events, never the draft.
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await api.anonymous().get("/v1/events?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                seen += page.items.compactMap { $0["slug"] as? String }
                cursor = page.json["nextCursor"] as? String
            } while cursor != nil
            #expect(seen == ["event-1", "event-2", "event-3", "event-4"])
            #expect(try await api.anonymous().get("/v1/events/event-5").status == .notFound)
            #expect(try await api.get("/v1/events/event-5").status == .ok)

            let virtual = try await api.anonymous().get("/v1/events?format=virtual")
            #expect(virtual.items.compactMap { $0["slug"] as? String } == ["event-2", "event-4"])
            let window = try await api.anonymous().get("/v1/events?from=2022-02-02T00:00:00Z&to=2022-02-03T23:00:00Z")
            #expect(window.items.count == 2)
            let query = "ندوة 3".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            #expect(try await api.anonymous().get("/v1/events?q=\(query)").items.count == 1)

            // Lifecycle: published → closed → archived; archived → published is refused with the allowed list.
            #expect(try await api.patch("/v1/events/event-1", #"{"status": "closed"}"#).status == .ok)
            #expect(try await api.patch("/v1/events/event-1", #"{"status": "archived"}"#).status == .ok)
            let back = try await api.patch("/v1/events/event-1", #"{"status": "published"}"#)
            #expect(back.status == .conflict)

            // A stale If-Match gets 412 and changes nothing.
            let current = try await api.get("/v1/events/event-2")
            let etag = try #require(current.headers[.eTag])
            #expect(try await api.patch("/v1/events/event-2", #"{"theme": {"fr": "Un"}}"#, ifMatch: etag).status == .ok)
            let stale = try await api.patch("/v1/events/event-2", #"{"theme": {"fr": "Deux"}}"#, ifMatch: etag)
            #expect(stale.status == .preconditionFailed)
            let theme = (try await api.get("/v1/events/event-2").json["theme"] as? [String: Any])?["fr"] as? String
            #expect(theme == "Un")

            // Only drafts are deleted.
            #expect(try await api.delete("/v1/events/event-2").status == .conflict)
            #expect(try await api.delete("/v1/events/event-5").status == .noContent)
        }
    }

    @Test("people: private fields for organisers only; Arabic round trip", .isolatedDatabase)
    func peoplePrivacy() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let position = "الوالي المدير العام للجماعات الترابية بوزارة الداخلية"
            let person = try await api.post(
                "/v1/people",
                #"{"honorific": {"ar": "السيد"}, "fullName": {"ar": "اسم وهمي"}, "position": {"ar": "\#(position)"}, "email": " Someone@Example.ORG ", "phone": "+212 5 37 00 00 00", "country": "MA"}"#
            )
            #expect(person.status == .created, "\(person.body)")
            #expect(person.json["email"] as? String == "someone@example.org")
            let organiserView = try await api.get("/v1/people/\(person.id)")
            #expect(organiserView.json["phone"] as? String == "+212 5 37 00 00 00")
            // Until the person takes part in an event that is not a draft, the public does not
            // see them at all.
            #expect(try await api.anonymous().get("/v1/people/\(person.id)").status == .notFound)
            #expect(try await api.anonymous().get("/v1/people").items.isEmpty)
            let event = try await api.post(
                "/v1/events",
                #"{"slug": "webinar", "kind": "webinar", "format": "virtual", "title": {"fr": "Webinaire"}, "timezone": "UTC", "startsAt": "2020-11-12T09:00:00Z", "endsAt": "2020-11-12T12:00:00Z", "online": {"platform": "Zoom"}}"#
            )
            let session = try await api.post(
                "/v1/events/webinar/sessions",
                #"{"kind": "opening", "title": {"fr": "Ouverture"}, "startsAt": "2020-11-12T09:00:00Z", "endsAt": "2020-11-12T09:30:00Z"}"#
            )
            #expect(
                try await api.put("/v1/events/webinar/sessions/\(session.id)/participants/\(person.id)", #"{"role": "speaker"}"#)
                    .status == .ok)
            #expect(try await api.patch("/v1/events/\(event.id)", #"{"status": "published"}"#).status == .ok)
            #expect(try await api.anonymous().get("/v1/people").items.count == 1)
            let publicView = try await api.anonymous().get("/v1/people/\(person.id)")
            #expect(publicView.status == .ok)
            #expect(publicView.json["email"] == nil)
            #expect(publicView.json["phone"] == nil)
            #expect((publicView.json["position"] as? [String: Any])?["ar"] as? String == position)
            let bad = try await api.post("/v1/people", #"{"fullName": {"fr": "X"}, "email": "not-an-email", "phone": "abc"}"#)
            #expect(bad.status == .unprocessableContent)
            let fields = (bad.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["email", "phone"])
        }
    }

    /// The session a 409 clash names, as a client reads it from the problem.
    struct ConflictingSession: Decodable {
        struct Title: Decodable {
            let ar: String?
            let fr: String?
            let en: String?
        }

        let id: String
        let title: Title
        let startsAt: String
        let endsAt: String
    }

    static func conflictingSession(_ reply: TestAPI.Reply) throws -> ConflictingSession {
        struct Problem: Decodable {
            let conflictingSession: ConflictingSession
        }
        return try JSONDecoder().decode(Problem.self, from: Data(reply.body.utf8)).conflictingSession
    }

}
