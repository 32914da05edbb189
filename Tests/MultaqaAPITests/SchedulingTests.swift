import Foundation
import HTTPTypes
import MultaqaAPIClient
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
            // Read raw: the ETag and the bytes below are what the second half is about. The
            // structure is read as the generated client reads it.
            let typed = try Self.decoded(program)
            #expect(typed.event.seriesId != nil)
            #expect(typed.days.count == 1)
            #expect(typed.days.first?.date == "2020-11-03")
            let sessions = typed.days.first?.sessions ?? []
            #expect(sessions.count == 6)
            #expect(sessions.first?.localStart == "09:00")
            #expect(sessions.last?.kind == .discussion)
            #expect(sessions.first?.participants.count == 2)
            #expect(typed.partners.count == 7)
            #expect(typed.partners.first?.role == .organizer)
            #expect(typed.partners.first?.organization.name.ar == "المديرية العامة للجماعات الترابية")
            #expect(program.body.contains("الجماعات الترابية المغربية والفرنسية في مواجهة كوفيد-19"))
            let listed = try await Client(client).listPartners(path: .init(eventId: event)).ok.body.json.items
            #expect(listed.count == 7)
            #expect(listed.first?.role == .organizer)
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
            let typedAPI = Client(client, token: token)
            let personID = try await typedAPI.listPeople(query: .init(limit: 1)).ok.body.json.items.first?.id ?? ""
            let changed = try await typedAPI.updatePerson(
                path: .init(personId: personID), body: .json(.init(position: .init(ar: "منصب جديد"))))
            #expect(Answer.statusCode(changed) == 200)
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
            let api = Client(client, token: token)
            let created = try await api.createEvent(
                body: .json(
                    .init(
                        slug: "programme-performance-communes-agadir", kind: .meeting, format: .inPerson,
                        title: .init(
                            ar: "لقاء حول برنامج تحسين أداء الجماعات",
                            fr: "Rencontre sur le programme d'amélioration de la performance des communes"),
                        timezone: "Africa/Casablanca", startsAt: Self.agadir(8), endsAt: Self.agadir(24 + 18),
                        venue: .init(name: "Hôtel", city: "Agadir"))))
            #expect(Answer.statusCode(created) == 201, "\(created)")
            let eventID = try created.created.body.json.id
            for (index, topic) in ["نظام تقييم الأداء", "التعاون بين الجماعات", "تقوية القدرات"].enumerated() {
                let room = try await api.createRoom(
                    path: .init(eventId: eventID), body: .json(.init(name: "Salle \(index + 1)", capacity: 40)))
                #expect(Answer.statusCode(room) == 201)
                let workshop = try await api.createSession(
                    path: .init(eventId: eventID),
                    body: .json(
                        .init(
                            kind: .workshop, title: .init(ar: "ورشة: \(topic)"), startsAt: Self.agadir(14),
                            endsAt: Self.agadir(17), roomId: try room.created.body.json.id, capacity: 35,
                            track: "atelier-\(index + 1)")))
                #expect(Answer.statusCode(workshop) == 201, "\(workshop)")
                let workshopID = try workshop.created.body.json.id
                for role in [Components.Schemas.ParticipantRole.coordinator, .rapporteur] {
                    let person = try await api.createPerson(
                        body: .json(.init(fullName: .init(ar: "شخص وهمي \(role.rawValue) \(index)")))
                    ).created.body.json.id
                    let put = try await api.putParticipant(
                        path: .init(eventId: eventID, sessionId: workshopID, personId: person), body: .json(.init(role: role)))
                    #expect(Answer.statusCode(put) == 200, "\(put)")
                }
            }
            let closing = try await api.createSession(
                path: .init(eventId: eventID),
                body: .json(
                    .init(
                        kind: .closing, title: .init(fr: "Lecture des recommandations"), startsAt: Self.agadir(24 + 10),
                        endsAt: Self.agadir(24 + 12))))
            #expect(Answer.statusCode(closing) == 201)

            let days = try await api.getProgram(path: .init(eventId: eventID)).ok.body.json.days
            #expect(days.map { $0.date } == ["2022-03-25", "2022-03-26"])
            let firstDay = days.first?.sessions ?? []
            #expect(firstDay.count == 3)
            #expect(firstDay.allSatisfy { $0.participants.count == 2 })
            #expect(firstDay.allSatisfy { $0.room?.capacity == 40 })
        }
    }

    /// `hours` after 2022-03-25T00:00:00Z, the first day of seed 004.
    static func agadir(_ hours: Double) -> Date { Date(timeIntervalSince1970: 1_648_166_400 + hours * 3600) }

    @Test("the rules the database enforces come back as 409 and 422 problems naming the rule", .isolatedDatabase)
    func rules() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = Client(client, token: token)
            let created = try await api.createEvent(
                body: .json(
                    .init(
                        slug: "forum-saidia", kind: .forum, format: .inPerson, title: .init(fr: "Forum"),
                        timezone: "Africa/Casablanca", startsAt: Self.saidia(8), endsAt: Self.saidia(24 + 18),
                        venue: .init(name: "Palais des congrès", city: "Saïdia"))))
            let eventID = try created.created.body.json.id
            let event = Operations.CreateSession.Input.Path(eventId: eventID)
            let room = try await api.createRoom(
                path: .init(eventId: eventID), body: .json(.init(name: "Grande salle", capacity: 100))
            ).created.body.json.id
            let first = try await api.createSession(
                path: event,
                body: .json(
                    .init(
                        kind: .plenary, title: .init(fr: "Plénière"), startsAt: Self.saidia(9), endsAt: Self.saidia(10),
                        roomId: room)))
            #expect(Answer.statusCode(first) == 201)
            let firstID = try first.created.body.json.id

            // A room never holds two overlapping sessions (the problem's content type is checked
            // by decoding it).
            let overlap = try await api.createSession(
                path: event,
                body: .json(
                    .init(
                        kind: .talk, title: .init(fr: "Chevauche"), startsAt: Self.saidia(9.5), endsAt: Self.saidia(10.5),
                        roomId: room)))
            let clash = try expectProblem(in: overlap, status: 409)
            #expect(clash?.rule == "sessions_room_no_overlap")
            // It names the session already in the room, as the person clash does.
            let occupant = try #require(clash?.conflictingSession)
            #expect(occupant.id == firstID && occupant.title.fr == "Plénière", "\(overlap)")
            #expect(occupant.startsAt == Self.saidia(9) && occupant.endsAt == Self.saidia(10))
            #expect(clash?.detail?.contains(firstID) == true, "\(overlap)")

            // Back to back is fine: ranges are half-open.
            let next = try await api.createSession(
                path: event,
                body: .json(
                    .init(
                        kind: .talk, title: .init(fr: "Suite"), startsAt: Self.saidia(10), endsAt: Self.saidia(11), roomId: room))
            )
            #expect(Answer.statusCode(next) == 201)
            // Moving a session into an occupied slot names the occupant too.
            let moved = try await api.updateSession(
                path: .init(eventId: eventID, sessionId: try next.created.body.json.id),
                body: .json(.init(startsAt: Self.saidia(9.75), endsAt: Self.saidia(10.75))))
            #expect(try expectProblem(in: moved, status: 409)?.conflictingSession?.id == firstID, "\(moved)")

            // A session lies within its event's dates.
            let outside = try await api.createSession(
                path: event,
                body: .json(
                    .init(kind: .talk, title: .init(fr: "Hors dates"), startsAt: Self.saidia(57), endsAt: Self.saidia(58))))
            #expect(try expectProblem(in: outside, status: 422)?.mentions("startsAt") == true)

            // End after start, checked before the database.
            let backwards = try await api.createSession(
                path: event,
                body: .json(
                    .init(kind: .talk, title: .init(fr: "À l'envers"), startsAt: Self.saidia(12), endsAt: Self.saidia(11))))
            #expect(Answer.statusCode(backwards) == 422)

            // A workshop is no larger than its room.
            let crowded = try await api.createSession(
                path: event,
                body: .json(
                    .init(
                        kind: .workshop, title: .init(fr: "Atelier"), startsAt: Self.saidia(14), endsAt: Self.saidia(15),
                        roomId: room, capacity: 150)))
            #expect(try expectProblem(in: crowded, status: 422)?.mentions("capacity") == true)

            // A person cannot hold two overlapping sessions: 409 naming the other session.
            let other = try await api.createSession(
                path: event,
                body: .json(
                    .init(
                        kind: .panel, title: .init(fr: "Panel parallèle"), startsAt: Self.saidia(9.25), endsAt: Self.saidia(9.75))
                )
            ).created.body.json.id
            let person = try await api.createPerson(body: .json(.init(fullName: .init(ar: "متحدث وهمي")))).created.body.json.id
            let speaker = try await api.putParticipant(
                path: .init(eventId: eventID, sessionId: firstID, personId: person), body: .json(.init(role: .speaker)))
            #expect(Answer.statusCode(speaker) == 200)
            let busy = try await api.putParticipant(
                path: .init(eventId: eventID, sessionId: other, personId: person), body: .json(.init(role: .moderator)))
            let busyProblem = try expectProblem(in: busy, status: 409)
            #expect(busyProblem?.rule == "session_participants_no_overlap")
            #expect(busyProblem?.detail?.contains(firstID) == true)
            #expect(busyProblem?.conflictingSession?.id == firstID, "\(busy)")

            // A cancelled event no longer keeps its people busy.
            let cancelled = try await api.updateEvent(path: .init(eventId: eventID), body: .json(.init(status: .cancelled)))
            #expect(Answer.statusCode(cancelled) == 200)
            let free = try await api.putParticipant(
                path: .init(eventId: eventID, sessionId: other, personId: person), body: .json(.init(role: .moderator)))
            #expect(Answer.statusCode(free) == 200)

            // Slugs are unique.
            let duplicate = try await api.createEvent(
                body: .json(
                    .init(
                        slug: "forum-saidia", kind: .forum, format: .virtual, title: .init(fr: "Autre"), timezone: "UTC",
                        startsAt: Self.saidia(8), endsAt: Self.saidia(24 + 18), online: .init(platform: "Zoom"))))
            #expect(Answer.statusCode(duplicate) == 409)

            // An organization that is a partner somewhere cannot be deleted.
            let organization = try await api.createOrganization(
                body: .json(.init(name: .init(fr: "Programme d'appui"), kind: .agency))
            ).created.body.json.id
            let partner = Operations.PutPartner.Input.Path(eventId: eventID, organizationId: organization)
            #expect(Answer.statusCode(try await api.putPartner(path: partner, body: .json(.init(role: .funder)))) == 200)
            let refused = try await api.deleteOrganization(path: .init(organizationId: organization))
            #expect(Answer.statusCode(refused) == 409)
            let unpartnered = try await api.deletePartner(path: .init(eventId: eventID, organizationId: organization))
            #expect(Answer.statusCode(unpartnered) == 204)
            #expect(Answer.statusCode(try await api.deleteOrganization(path: .init(organizationId: organization))) == 204)

            // Moving the event so that sessions fall outside it is refused.
            let shrink = try await api.updateEvent(path: .init(eventId: eventID), body: .json(.init(endsAt: Self.saidia(9.5))))
            #expect(Answer.statusCode(shrink) == 422)

            // In-person events need a venue; the rule names the field.
            let noVenue = try await api.updateEvent(path: .init(eventId: eventID), body: .json(.init(format: .hybrid)))
            #expect(try expectProblem(in: noVenue, status: 422)?.mentions("online.platform") == true)
        }
    }

    /// `hours` after 2024-05-06T00:00:00Z, the first day of the rules' forum.
    static func saidia(_ hours: Double) -> Date { Date(timeIntervalSince1970: 1_714_953_600 + hours * 3600) }

    @Test("events: lifecycle, stale If-Match, drafts hidden, filters and pages", .isolatedDatabase)
    func eventsListing() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = Client(client, token: token)
            let anonymous = Client(client)
            for day in 1...5 {
                let virtual = day % 2 == 0
                // 2022-02-01T00:00:00Z, then a day later each.
                let midnight = 1_643_673_600 + Double(day - 1) * 86_400
                let created = try await api.createEvent(
                    body: .json(
                        .init(
                            slug: "event-\(day)", kind: .seminar, format: virtual ? .virtual : .inPerson,
                            title: .init(ar: "ندوة \(day)", fr: "Séminaire \(day)"), timezone: "Africa/Casablanca",
                            startsAt: Date(timeIntervalSince1970: midnight + 9 * 3600),
                            endsAt: Date(timeIntervalSince1970: midnight + 12 * 3600),
                            venue: virtual ? nil : .init(name: "Rabat"), online: virtual ? .init(platform: "YouTube") : nil)))
                #expect(Answer.statusCode(created) == 201, "\(created)")
                if day <= 4 {
                    let published = try await api.updateEvent(
                        path: .init(eventId: "event-\(day)"), body: .json(.init(status: .published)))
                    #expect(Answer.statusCode(published) == 200)
                }
            }
            // The public sees the four published events, never the draft.
            #expect(try await Self.slugs(anonymous) == ["event-1", "event-2", "event-3", "event-4"])
            #expect(Answer.statusCode(try await anonymous.getEvent(path: .init(eventId: "event-5"))) == 404)
            #expect(Answer.statusCode(try await api.getEvent(path: .init(eventId: "event-5"))) == 200)

            let virtual = try await anonymous.listEvents(query: .init(format: .virtual)).ok.body.json.items
            #expect(virtual.map { $0.slug } == ["event-2", "event-4"])
            let window = try await anonymous.listEvents(
                query: .init(from: Date(timeIntervalSince1970: 1_643_760_000), to: Date(timeIntervalSince1970: 1_643_929_200)))
            #expect(try window.ok.body.json.items.count == 2)
            #expect(try await anonymous.listEvents(query: .init(q: "ندوة 3")).ok.body.json.items.count == 1)

            // Lifecycle: published → closed → archived; archived → published is refused with the allowed list.
            let first = Operations.UpdateEvent.Input.Path(eventId: "event-1")
            #expect(Answer.statusCode(try await api.updateEvent(path: first, body: .json(.init(status: .closed)))) == 200)
            #expect(Answer.statusCode(try await api.updateEvent(path: first, body: .json(.init(status: .archived)))) == 200)
            let back = try await api.updateEvent(path: first, body: .json(.init(status: .published)))
            #expect(Answer.statusCode(back) == 409)

            // A stale If-Match gets 412 and changes nothing.
            let second = Operations.UpdateEvent.Input.Path(eventId: "event-2")
            let etag = try await api.getEvent(path: .init(eventId: "event-2")).ok.headers.eTag
            let changed = try await api.updateEvent(
                path: second, headers: .init(ifMatch: etag), body: .json(.init(theme: .init(fr: "Un"))))
            #expect(Answer.statusCode(changed) == 200)
            let stale = try await api.updateEvent(
                path: second, headers: .init(ifMatch: etag), body: .json(.init(theme: .init(fr: "Deux"))))
            #expect(Answer.statusCode(stale) == 412)
            let theme = try await api.getEvent(path: .init(eventId: "event-2")).ok.body.json.theme?.fr
            #expect(theme == "Un")

            // Only drafts are deleted.
            #expect(Answer.statusCode(try await api.deleteEvent(path: .init(eventId: "event-2"))) == 409)
            #expect(Answer.statusCode(try await api.deleteEvent(path: .init(eventId: "event-5"))) == 204)
        }
    }

    /// Every listed event's slug, three a page, following the cursors.
    static func slugs(_ api: Client) async throws -> [String] {
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await api.listEvents(query: .init(cursor: cursor, limit: 3)).ok.body.json
            seen += page.items.map { $0.slug }
            cursor = page.nextCursor
        } while cursor != nil
        return seen
    }

    @Test("people: private fields for organisers only; Arabic round trip", .isolatedDatabase)
    func peoplePrivacy() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = Client(client, token: token)
            let anonymous = Client(client)
            let position = "الوالي المدير العام للجماعات الترابية بوزارة الداخلية"
            let created = try await api.createPerson(
                body: .json(
                    .init(
                        honorific: .init(ar: "السيد"), fullName: .init(ar: "اسم وهمي"), position: .init(ar: position),
                        country: "MA", email: " Someone@Example.ORG ", phone: "+212 5 37 00 00 00")))
            #expect(Answer.statusCode(created) == 201, "\(created)")
            let person = try created.created.body.json
            #expect(person.email == "someone@example.org")
            let organiserView = try await api.getPerson(path: .init(personId: person.id)).ok.body.json
            #expect(organiserView.phone == "+212 5 37 00 00 00")
            // Until the person takes part in an event that is not a draft, the public does not
            // see them at all.
            #expect(Answer.statusCode(try await anonymous.getPerson(path: .init(personId: person.id))) == 404)
            #expect(try await anonymous.listPeople().ok.body.json.items.isEmpty)
            // 2020-11-12T09:00:00Z
            let nine = Date(timeIntervalSince1970: 1_605_139_200 + 9 * 3600)
            let event = try await api.createEvent(
                body: .json(
                    .init(
                        slug: "webinar", kind: .webinar, format: .virtual, title: .init(fr: "Webinaire"), timezone: "UTC",
                        startsAt: nine, endsAt: nine.addingTimeInterval(3 * 3600), online: .init(platform: "Zoom")))
            ).created.body.json.id
            let session = try await api.createSession(
                path: .init(eventId: "webinar"),
                body: .json(
                    .init(kind: .opening, title: .init(fr: "Ouverture"), startsAt: nine, endsAt: nine.addingTimeInterval(1800)))
            ).created.body.json.id
            let put = try await api.putParticipant(
                path: .init(eventId: "webinar", sessionId: session, personId: person.id), body: .json(.init(role: .speaker)))
            #expect(Answer.statusCode(put) == 200)
            let published = try await api.updateEvent(path: .init(eventId: event), body: .json(.init(status: .published)))
            #expect(Answer.statusCode(published) == 200)
            #expect(try await anonymous.listPeople().ok.body.json.items.count == 1)
            let publicView = try await anonymous.getPerson(path: .init(personId: person.id))
            guard case .ok(let ok) = publicView else {
                Issue.record("\(publicView)")
                return
            }
            let seen = try ok.body.json
            #expect(seen.email == nil)
            #expect(seen.phone == nil)
            #expect(seen.position?.ar == position)
            let bad = try await api.createPerson(
                body: .json(.init(fullName: .init(fr: "X"), email: "not-an-email", phone: "abc")))
            #expect(try expectProblem(in: bad, status: 422)?.errors?.map { $0.field } == ["email", "phone"])
        }
    }

    /// A raw program's body, decoded as the generated client decodes it.
    static func decoded(_ reply: TestAPI.Reply) throws -> Components.Schemas.Program {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Components.Schemas.Program.self, from: Data(reply.body.utf8))
    }
}
