import Foundation
import HTTPTypes
import MultaqaAPIClient
import MultaqaDomain
import MultaqaTestSupport
import Testing

/// Seed 004's meeting: three workshops produce recommendations that are adopted and followed up,
/// through the contract's generated client.
@Suite("Recommendations")
struct RecommendationsTests {
    typealias Transition = Components.Schemas.RecommendationTransition

    @Test(
        "a rapporteur drafts and submits for their own workshop only; organisers decide; drafts stay private", .isolatedDatabase)
    func rapporteur() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = Client(client, token: organizer)
            let anonymous = Client(client)
            let meeting = try await Fixtures.agadirMeeting(using: api)
            let rapporteurToken = try await makeToken(.rapporteur, person: UUID(uuidString: meeting.rapporteur))
            let rapporteur = Client(client, token: rapporteurToken)
            let event = Operations.CreateRecommendation.Input.Path(eventId: meeting.event)
            let text = "إرساء نظام معلوماتي موحد لتتبع مؤشرات أداء الجماعات"
            let created = try await rapporteur.createRecommendation(
                path: event, body: .json(.init(sessionId: meeting.workshops[0], text: .init(ar: text), axis: "تقييم الأداء")))
            guard case .created(let answer) = created else {
                Issue.record("\(created)")
                return
            }
            let draft = try answer.body.json
            #expect(draft.label == "R-01")
            #expect(draft.text.ar == text)
            let id = Operations.GetRecommendation.Input.Path(recommendationId: draft.id)
            // Not their workshop, nor the plenary.
            let elsewhere = try await rapporteur.createRecommendation(
                path: event, body: .json(.init(sessionId: meeting.workshops[2], text: .init(fr: "Autre"))))
            #expect(Answer.statusCode(elsewhere) == 403)
            let plenary = try await rapporteur.createRecommendation(path: event, body: .json(.init(text: .init(fr: "Plénière"))))
            #expect(Answer.statusCode(plenary) == 403)
            // The public does not see drafts.
            #expect(Answer.statusCode(try await anonymous.getRecommendation(path: id)) == 404)
            let list = Operations.ListEventRecommendations.Input.Path(eventId: meeting.event)
            #expect(try await anonymous.listEventRecommendations(path: list).ok.body.json.items.isEmpty)
            #expect(try await rapporteur.listEventRecommendations(path: list).ok.body.json.items.count == 1)
            // Edit, submit; then it is the organisers'.
            let update = Operations.UpdateRecommendation.Input.Path(recommendationId: draft.id)
            let edited = try await rapporteur.updateRecommendation(path: update, body: .json(.init(priority: .high)))
            #expect(Answer.statusCode(edited) == 200)
            let move = Operations.TransitionRecommendation.Input.Path(recommendationId: draft.id)
            let submitted = try await rapporteur.transitionRecommendation(
                path: move, body: .json(.init(to: .submitted, note: "قُرئت في الجلسة الختامية")))
            #expect(try submitted.ok.body.json.status == .submitted, "\(submitted)")
            let late = try await rapporteur.updateRecommendation(path: update, body: .json(.init(priority: .low)))
            #expect(Answer.statusCode(late) == 403)
            let selfAdopted = try await rapporteur.transitionRecommendation(path: move, body: .json(.init(to: .adopted)))
            #expect(Answer.statusCode(selfAdopted) == 403)
            let removed = try await rapporteur.deleteRecommendation(path: .init(recommendationId: draft.id))
            #expect(Answer.statusCode(removed) == 403)
            let adopted = try await api.transitionRecommendation(path: move, body: .json(.init(to: .adopted)))
            #expect(try adopted.ok.body.json.status == .adopted)
            let seen = try await anonymous.getRecommendation(path: id)
            #expect(try seen.ok.body.json.text.ar == text)
            // Without a token nothing is written.
            let unsigned = try await anonymous.createRecommendation(path: event, body: .json(.init(text: .init(fr: "x"))))
            #expect(Answer.statusCode(unsigned) == 401)
        }
    }

    @Test("a dozen recommendations through the whole lifecycle, with history, summary and follow-up", .isolatedDatabase)
    func lifecycle() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = Client(client, token: organizer)
            let anonymous = Client(client)
            let meeting = try await Fixtures.agadirMeeting(using: api)
            let event = Operations.CreateRecommendation.Input.Path(eventId: meeting.event)
            let texts: [(Int, Components.Schemas.LocalizedText)] = [
                (0, .init(ar: "ربط التحفيزات المالية بنتائج تقييم الأداء السنوي للجماعات")),
                (0, .init(fr: "Publier chaque année les résultats de l'évaluation de la performance des communes")),
                (0, .init(ar: "تبسيط دليل مؤشرات الأداء وتكييفه مع الجماعات القروية")),
                (0, .init(fr: "Former les équipes communales au renseignement des indicateurs")),
                (1, .init(ar: "تشجيع إحداث مجموعات الجماعات لتدبير المرافق المشتركة")),
                (1, .init(fr: "Mettre à disposition des communes un modèle de convention de coopération")),
                (1, .init(ar: "إحداث منصة لتبادل التجارب الناجحة بين الجماعات")),
                (1, .init(fr: "Accompagner juridiquement les établissements de coopération intercommunale")),
                (2, .init(ar: "وضع مخطط سنوي لتكوين المنتخبين والموظفين الجماعيين")),
                (2, .init(fr: "Renforcer les compétences en gestion de projets et en passation des marchés")),
                (2, .init(ar: "تعميم التكوين عن بعد لفائدة أطر الجماعات")),
                (2, .init(fr: "Évaluer l'effet des formations sur la performance des services communaux")),
            ]
            var created: [String] = []
            for (workshop, text) in texts {
                let answer = try await api.createRecommendation(
                    path: event,
                    body: .json(
                        .init(
                            sessionId: meeting.workshops[workshop], text: text, axis: "axe \(workshop + 1)",
                            actorKinds: [.commune, .state], ownerId: meeting.owner, dueDate: "2023-12-31", tags: ["PACT", "pact"])
                    ))
                #expect(Answer.statusCode(answer) == 201, "\(answer)")
                created.append(try answer.created.body.json.id)
            }
            let ids = created
            let list = Operations.ListEventRecommendations.Input.Path(eventId: meeting.event)
            let labels = try await api.listEventRecommendations(path: list).ok.body.json.items.map { $0.label }
            #expect(labels == (1...12).map { $0 < 10 ? "R-0\($0)" : "R-\($0)" })
            for index in 0..<12 {
                #expect(Answer.statusCode(try await Self.move(api, ids[index], .init(to: .submitted))) == 200)
            }
            for index in 0..<9 {
                let adopted = try await Self.move(api, ids[index], .init(to: .adopted, note: "Adoptée en séance de clôture"))
                #expect(Answer.statusCode(adopted) == 200)
            }
            let rejected = try await Self.move(api, ids[9], .init(to: .rejected, note: "Hors du champ du programme"))
            #expect(Answer.statusCode(rejected) == 200)
            let merged = try await Self.move(api, ids[10], .init(to: .merged, mergedInto: ids[8]))
            #expect(try merged.ok.body.json.mergedInto == ids[8], "\(merged)")
            // An illegal move names the allowed ones …
            let illegal = try await Self.move(api, ids[0], .init(to: .implemented))
            let problem = try expectProblem(in: illegal, status: 409)
            #expect(problem?.mentions("in_progress") == true, "\(illegal)")
            // … and lists them as data, for a client to offer.
            #expect(problem?.allowed == ["in_progress"], "\(illegal)")
            let early = try await Self.move(api, ids[11], .init(to: .adopted, progress: 30))
            #expect(Answer.statusCode(early) == 422)
            // Follow-up.
            let started = try await Self.move(api, ids[0], .init(to: .inProgress, note: "النظام في طور التجريب", progress: 40))
            #expect(try started.ok.body.json.progress == 40)
            #expect(try await Self.move(api, ids[0], .init(to: .inProgress, progress: 70)).ok.body.json.progress == 70)
            let done = try await Self.move(api, ids[0], .init(to: .implemented, note: "Opérationnel dans les 103 communes"))
            #expect(try done.ok.body.json.status == .implemented && done.ok.body.json.progress == 100)
            #expect(try await Self.move(api, ids[1], .init(to: .inProgress, progress: 20)).ok.body.json.overdue)
            let history = try await api.getRecommendationHistory(path: .init(recommendationId: ids[0])).ok.body.json.items
            #expect(history.map { $0.to } == [.draft, .submitted, .adopted, .inProgress, .inProgress, .implemented])
            #expect(history.map { $0.progress ?? -1 }.suffix(3) == [40, 70, 100])
            #expect(history[3].note == "النظام في طور التجريب")
            #expect(history[1].actor.contains("organizer"))
            // The public sees adopted and later only; the summary counts them.
            let visible = try await anonymous.listEventRecommendations(path: list).ok.body.json.items
            #expect(visible.count == 9)
            #expect(!visible.contains { $0.id == ids[9] || $0.id == ids[10] })
            let summaryPath = Operations.GetRecommendationSummary.Input.Path(eventId: meeting.event)
            let summary = try await api.getRecommendationSummary(path: summaryPath).ok.body.json
            #expect(summary.total == 12)
            #expect(summary.byStatus.additionalProperties["merged"] == 1)
            #expect(summary.bySession.value1.additionalProperties[meeting.workshops[0]] == 4)
            #expect(abs(summary.implementedShare - 1.0 / 9.0) < 0.0001)
            #expect(try await anonymous.getRecommendationSummary(path: summaryPath).ok.body.json.total == 9)
            // Follow-up across events: overdue ones, by owner.
            let overdue = try await anonymous.listRecommendations(query: .init(overdue: true))
            #expect(try overdue.ok.body.json.items.count == 8, "\(overdue)")
            let owned = try await api.listRecommendations(query: .init(status: .implemented, ownerId: meeting.owner))
            #expect(try owned.ok.body.json.items.count == 1)
            // Deleting: drafts only.
            let adoptedGone = try await api.deleteRecommendation(path: .init(recommendationId: ids[0]))
            #expect(Answer.statusCode(adoptedGone) == 409)
            let extra = try await api.createRecommendation(
                path: event, body: .json(.init(text: .init(fr: "Brouillon à retirer")))
            )
            .created.body.json
            #expect(extra.label == "R-13")
            let draftGone = try await api.deleteRecommendation(path: .init(recommendationId: extra.id))
            #expect(Answer.statusCode(draftGone) == 204)
            #expect(Answer.statusCode(try await api.getRecommendation(path: .init(recommendationId: extra.id))) == 404)
            // Merging into another event's recommendation is refused.
            let other = try await api.createEvent(
                body: .json(
                    .init(
                        slug: "autre-rencontre", kind: .meeting, format: .virtual, title: .init(fr: "Autre"), timezone: "UTC",
                        startsAt: Date(timeIntervalSince1970: 1_651_392_000), endsAt: Date(timeIntervalSince1970: 1_651_399_200),
                        online: .init(platform: "Zoom")))
            ).created.body.json.id
            let foreign = try await api.createRecommendation(
                path: .init(eventId: other), body: .json(.init(text: .init(fr: "Ailleurs")))
            ).created.body.json.id
            let crossEvent = try await Self.move(api, ids[11], .init(to: .merged, mergedInto: foreign))
            #expect(Answer.statusCode(crossEvent) == 422)
            // Bad input is named.
            let bad = try await api.createRecommendation(
                path: event, body: .json(.init(text: .init(fr: ""), ownerId: UUID().uuidString, dueDate: "2023-13-40")))
            #expect(try expectProblem(in: bad, status: 422)?.mentions("text") == true)
        }
    }

    static func move(
        _ api: Client, _ id: String, _ transition: Transition
    ) async throws -> Operations.TransitionRecommendation.Output {
        try await api.transitionRecommendation(path: .init(recommendationId: id), body: .json(transition))
    }
}
