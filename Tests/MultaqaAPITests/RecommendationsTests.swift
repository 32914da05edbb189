import Foundation
import HTTPTypes
import MultaqaDomain
import MultaqaTestSupport
import Testing

/// Seed 004's meeting: three workshops produce recommendations that are adopted and followed up
///.
@Suite("Recommendations")
struct RecommendationsTests {
    struct Meeting {
        let event: String
        let workshops: [String]
        let rapporteurPerson: String
        let owner: String
    }

    /// The Agadir meeting of 2022-03-25 and 26 with its three workshops; a fictional rapporteur
    /// for the first workshop and a fictional coordinator for the second.
    static func setUpMeeting(_ api: TestAPI) async throws -> Meeting {
        let event = try await api.post(
            "/v1/events",
            #"""
            {"slug": "agadir-performance-communes-2022", "kind": "meeting", "format": "in_person",
             "title": {"ar": "لقاء تواصلي حول برنامج تحسين أداء الجماعات", "fr": "Rencontre sur le programme d'amélioration de la performance des communes"},
             "timezone": "Africa/Casablanca", "startsAt": "2022-03-25T08:00:00Z", "endsAt": "2022-03-26T17:00:00Z",
             "venue": {"name": "Agadir", "city": "Agadir"}}
            """#)
        #expect(event.status == .created, "\(event.body)")
        var workshops: [String] = []
        let titles = [
            "تطوير نظام تقييم أداء الجماعات المستهدفة وتحفيزها", "تعزيز التعاون بين الجماعات الترابية", "تقوية القدرات",
        ]
        for (index, title) in titles.enumerated() {
            let session = try await api.post(
                "/v1/events/\(event.id)/sessions",
                #"{"kind": "workshop", "title": {"ar": "\#(title)"}, "startsAt": "2022-03-25T1\#(index + 1):00:00Z", "endsAt": "2022-03-25T1\#(index + 1):50:00Z"}"#
            )
            #expect(session.status == .created, "\(session.body)")
            workshops.append(session.id)
        }
        let rapporteur = try await api.post("/v1/people", #"{"fullName": {"fr": "Rapporteur fictif de l'atelier 1"}}"#)
        let coordinator = try await api.post("/v1/people", #"{"fullName": {"fr": "Coordinatrice fictive de l'atelier 2"}}"#)
        #expect(
            try await api.put(
                "/v1/events/\(event.id)/sessions/\(workshops[0])/participants/\(rapporteur.id)", #"{"role": "rapporteur"}"#
            ).status == .ok)
        #expect(
            try await api.put(
                "/v1/events/\(event.id)/sessions/\(workshops[1])/participants/\(coordinator.id)", #"{"role": "coordinator"}"#
            ).status == .ok)
        let owner = try await api.post(
            "/v1/organizations", #"{"name": {"ar": "المديرية العامة للجماعات الترابية"}, "kind": "ministry"}"#)
        #expect(try await api.patch("/v1/events/\(event.id)", #"{"status": "published"}"#).status == .ok)
        return Meeting(event: event.id, workshops: workshops, rapporteurPerson: rapporteur.id, owner: owner.id)
    }

    @Test(
        "a rapporteur drafts and submits for their own workshop only; organisers decide; drafts stay private", .isolatedDatabase)
    func rapporteur() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let meeting = try await Self.setUpMeeting(api)
            let rapporteurToken = try await makeToken(.rapporteur, person: UUID(uuidString: meeting.rapporteurPerson))
            let rapporteur = TestAPI(client: client, token: rapporteurToken)
            let url = "/v1/events/\(meeting.event)/recommendations"
            let text = "إرساء نظام معلوماتي موحد لتتبع مؤشرات أداء الجماعات"
            let draft = try await rapporteur.post(
                url, #"{"sessionId": "\#(meeting.workshops[0])", "text": {"ar": "\#(text)"}, "axis": "تقييم الأداء"}"#)
            #expect(draft.status == .created, "\(draft.body)")
            #expect(draft.json["label"] as? String == "R-01")
            #expect((draft.json["text"] as? [String: String])?["ar"] == text)
            // Not their workshop, nor the plenary.
            #expect(
                try await rapporteur.post(url, #"{"sessionId": "\#(meeting.workshops[2])", "text": {"fr": "Autre"}}"#).status
                    == .forbidden)
            #expect(try await rapporteur.post(url, #"{"text": {"fr": "Plénière"}}"#).status == .forbidden)
            // The public does not see drafts.
            #expect(try await api.anonymous().get("/v1/recommendations/\(draft.id)").status == .notFound)
            #expect(try await api.anonymous().get(url).items.isEmpty)
            #expect(try await rapporteur.get(url).items.count == 1)
            // Edit, submit; then it is the organisers'.
            #expect(try await rapporteur.patch("/v1/recommendations/\(draft.id)", #"{"priority": "high"}"#).status == .ok)
            let submitted = try await rapporteur.post(
                "/v1/recommendations/\(draft.id)/transitions", #"{"to": "submitted", "note": "قُرئت في الجلسة الختامية"}"#)
            #expect(submitted.status == .ok && submitted.json["status"] as? String == "submitted", "\(submitted.body)")
            #expect(try await rapporteur.patch("/v1/recommendations/\(draft.id)", #"{"priority": "low"}"#).status == .forbidden)
            #expect(
                try await rapporteur.post("/v1/recommendations/\(draft.id)/transitions", #"{"to": "adopted"}"#).status
                    == .forbidden)
            #expect(try await rapporteur.delete("/v1/recommendations/\(draft.id)").status == .forbidden)
            let adopted = try await api.post("/v1/recommendations/\(draft.id)/transitions", #"{"to": "adopted"}"#)
            #expect(adopted.json["status"] as? String == "adopted")
            let seen = try await api.anonymous().get("/v1/recommendations/\(draft.id)")
            #expect(seen.status == .ok && (seen.json["text"] as? [String: String])?["ar"] == text)
            // Without a token nothing is written.
            #expect(try await api.anonymous().post(url, #"{"text": {"fr": "x"}}"#).status == .unauthorized)
        }
    }

    @Test("a dozen recommendations through the whole lifecycle, with history, summary and follow-up", .isolatedDatabase)
    func lifecycle() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let meeting = try await Self.setUpMeeting(api)
            let url = "/v1/events/\(meeting.event)/recommendations"
            let texts: [(Int, String, String)] = [
                (0, "ar", "ربط التحفيزات المالية بنتائج تقييم الأداء السنوي للجماعات"),
                (0, "fr", "Publier chaque année les résultats de l'évaluation de la performance des communes"),
                (0, "ar", "تبسيط دليل مؤشرات الأداء وتكييفه مع الجماعات القروية"),
                (0, "fr", "Former les équipes communales au renseignement des indicateurs"),
                (1, "ar", "تشجيع إحداث مجموعات الجماعات لتدبير المرافق المشتركة"),
                (1, "fr", "Mettre à disposition des communes un modèle de convention de coopération"),
                (1, "ar", "إحداث منصة لتبادل التجارب الناجحة بين الجماعات"),
                (1, "fr", "Accompagner juridiquement les établissements de coopération intercommunale"),
                (2, "ar", "وضع مخطط سنوي لتكوين المنتخبين والموظفين الجماعيين"),
                (2, "fr", "Renforcer les compétences en gestion de projets et en passation des marchés"),
                (2, "ar", "تعميم التكوين عن بعد لفائدة أطر الجماعات"),
                (2, "fr", "Évaluer l'effet des formations sur la performance des services communaux"),
            ]
            var ids: [String] = []
            for (workshop, language, text) in texts {
                let created = try await api.post(
                    url,
                    #"{"sessionId": "\#(meeting.workshops[workshop])", "text": {"\#(language)": "\#(text)"}, "axis": "axe \#(workshop + 1)", "ownerId": "\#(meeting.owner)", "actorKinds": ["commune", "state"], "dueDate": "2023-12-31", "tags": ["PACT", "pact"]}"#
                )
                #expect(created.status == .created, "\(created.body)")
                ids.append(created.id)
            }
            let labels = try await api.get(url).items.compactMap { $0["label"] as? String }
            #expect(labels == (1...12).map { $0 < 10 ? "R-0\($0)" : "R-\($0)" })
            func move(_ index: Int, _ body: String) async throws -> TestAPI.Reply {
                try await api.post("/v1/recommendations/\(ids[index])/transitions", body)
            }
            for index in 0..<12 {
                #expect(try await move(index, #"{"to": "submitted"}"#).status == .ok)
            }
            for index in 0..<9 {
                #expect(try await move(index, #"{"to": "adopted", "note": "Adoptée en séance de clôture"}"#).status == .ok)
            }
            #expect(try await move(9, #"{"to": "rejected", "note": "Hors du champ du programme"}"#).status == .ok)
            let merged = try await move(10, #"{"to": "merged", "mergedInto": "\#(ids[8])"}"#)
            #expect(merged.status == .ok && merged.json["mergedInto"] as? String == ids[8], "\(merged.body)")
            // An illegal move names the allowed ones.
            let illegal = try await move(0, #"{"to": "implemented"}"#)
            #expect(illegal.status == .conflict && illegal.body.contains("in_progress"), "\(illegal.body)")
            // … and lists them as data, for a client to offer.
            #expect(illegal.json["allowed"] as? [String] == ["in_progress"], "\(illegal.body)")
            #expect(try await move(11, #"{"to": "adopted", "progress": 30}"#).status == .unprocessableContent)
            // Follow-up.
            #expect(
                try await move(0, #"{"to": "in_progress", "progress": 40, "note": "النظام في طور التجريب"}"#).json["progress"]
                    as? Int == 40)
            #expect(try await move(0, #"{"to": "in_progress", "progress": 70}"#).json["progress"] as? Int == 70)
            let done = try await move(0, #"{"to": "implemented", "note": "Opérationnel dans les 103 communes"}"#)
            #expect(done.json["status"] as? String == "implemented" && done.json["progress"] as? Int == 100)
            #expect(try await move(1, #"{"to": "in_progress", "progress": 20}"#).json["overdue"] as? Bool == true)
            let history = try await api.get("/v1/recommendations/\(ids[0])/history").items
            #expect(
                history.map { $0["to"] as? String ?? "" } == [
                    "draft", "submitted", "adopted", "in_progress", "in_progress", "implemented",
                ])
            #expect(history.map { $0["progress"] as? Int ?? -1 }.suffix(3) == [40, 70, 100])
            #expect(history[3]["note"] as? String == "النظام في طور التجريب")
            #expect((history[1]["actor"] as? String)?.contains("organizer") == true)
            // The public sees adopted and later only; the summary counts them.
            let visible = try await api.anonymous().get(url).items
            #expect(visible.count == 9)
            #expect(!visible.contains { $0["id"] as? String == ids[9] || $0["id"] as? String == ids[10] })
            let summary = try await api.get("\(url)/summary")
            #expect(summary.json["total"] as? Int == 12)
            #expect((summary.json["byStatus"] as? [String: Int])?["merged"] == 1)
            #expect((summary.json["bySession"] as? [String: Int])?[meeting.workshops[0]] == 4)
            #expect(abs((summary.json["implementedShare"] as? Double ?? 0) - 1.0 / 9.0) < 0.0001)
            let publicSummary = try await api.anonymous().get("\(url)/summary")
            #expect(publicSummary.json["total"] as? Int == 9)
            // Follow-up across events: overdue ones, by owner.
            let overdue = try await api.anonymous().get("/v1/recommendations?overdue=true")
            #expect(overdue.items.count == 8, "\(overdue.body)")
            #expect(try await api.get("/v1/recommendations?ownerId=\(meeting.owner)&status=implemented").items.count == 1)
            // Deleting: drafts only.
            #expect(try await api.delete("/v1/recommendations/\(ids[0])").status == .conflict)
            let extra = try await api.post(url, #"{"text": {"fr": "Brouillon à retirer"}}"#)
            #expect(extra.json["label"] as? String == "R-13")
            #expect(try await api.delete("/v1/recommendations/\(extra.id)").status == .noContent)
            #expect(try await api.get("/v1/recommendations/\(extra.id)").status == .notFound)
            // Merging into another event's recommendation is refused.
            let other = try await api.post(
                "/v1/events",
                #"{"slug": "autre-rencontre", "kind": "meeting", "format": "virtual", "title": {"fr": "Autre"}, "timezone": "UTC", "startsAt": "2022-05-01T08:00:00Z", "endsAt": "2022-05-01T10:00:00Z", "online": {"platform": "Zoom"}}"#
            )
            let foreign = try await api.post("/v1/events/\(other.id)/recommendations", #"{"text": {"fr": "Ailleurs"}}"#)
            #expect(try await move(11, #"{"to": "merged", "mergedInto": "\#(foreign.id)"}"#).status == .unprocessableContent)
            // Bad input is named.
            let bad = try await api.post(
                url, #"{"text": {"fr": ""}, "dueDate": "2023-13-40", "ownerId": "\#(UUID().uuidString)"}"#)
            #expect(bad.status == .unprocessableContent && bad.body.contains("text"))
        }
    }
}
