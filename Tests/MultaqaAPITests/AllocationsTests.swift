import Foundation
import MultaqaAPI
import MultaqaAPIClient
import MultaqaPages
import MultaqaStore
import MultaqaTestSupport
import OpenAPIRuntime
import Testing

/// Workshops by preference through the API, on the Agadir meeting (seed 004), whose three
/// workshops ran in parallel: attendees rank them, organisers compare three mechanisms' proposals
/// and apply one; each attendee reads what they got and why; a proposal whose inputs changed is
/// refused.
@Suite("Workshop allocation through the API")
struct AllocationsTests {
    typealias Input = Components.Schemas.RegistrationInput

    struct Meeting {
        let meeting: AgadirMeeting
        let attendees: [Components.Schemas.RegistrationCreated]
    }

    /// The three workshops moved to the second morning, side by side, with 4, 4 and 6 seats; then
    /// twelve attendees: eight rank the first workshop first, three the second, one only the third.
    static func ranked(_ api: Client) async throws -> Meeting {
        let meeting = try await Fixtures.agadirMeeting(using: api)
        // 2022-03-26T09:00:00Z to 11:00.
        let start = Date(timeIntervalSince1970: 1_648_285_200)
        for (workshop, seats) in zip(meeting.workshops, [4, 4, 6]) {
            _ = try await api.updateSession(
                path: .init(eventId: meeting.event, sessionId: workshop),
                body: .json(.init(startsAt: start, endsAt: start.addingTimeInterval(7200), capacity: seats))
            ).ok
        }
        _ = try await api.putRegistrationSettings(
            path: .init(eventId: meeting.event),
            body: .json(
                .init(
                    capacities: [.init(mode: .inPerson, capacity: 100)],
                    workshopChoice: .init(mode: .ranked, rankedChoices: 3, minimumAttendance: 5)))
        ).ok
        let w = meeting.workshops
        let rankings =
            Array(repeating: [w[0], w[1], w[2]], count: 8) + Array(repeating: [w[1], w[0], w[2]], count: 3) + [[w[2]]]
        var attendees: [Components.Schemas.RegistrationCreated] = []
        for (index, ranking) in rankings.enumerated() {
            let name = index.isMultiple(of: 2) ? "فاطمة الزهراء بنعلي \(index)" : "Élodie Benjelloun \(index)"
            attendees.append(
                try await api.createRegistration(
                    path: .init(eventId: meeting.event),
                    body: .json(
                        Input(
                            fullName: name, email: "rank\(index)@example.ma", category: .electedOfficial, mode: .inPerson,
                            workshops: ranking, consent: true, language: index.isMultiple(of: 2) ? .ar : .fr))
                ).created.body.json)
        }
        return Meeting(meeting: meeting, attendees: attendees)
    }

    @Test(
        "three mechanisms proposed over the same inputs, rank_maximal applied: seats, explanations and one mail per attendee",
        .isolatedDatabase)
    func endToEnd() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let ranked = try await Self.ranked(api)
            let event = ranked.meeting.event
            let w = ranked.meeting.workshops

            // The ranking, as its attendee reads it: one slot of three workshops.
            let mine = Client(app, token: ranked.attendees[8].value2.manageToken)
            let ranking = try await mine.getRanking(path: .init(registrationId: ranked.attendees[8].value1.id)).ok.body.json
            #expect(ranking.slots.count == 1 && Set(ranking.slots[0].workshops) == Set(w) && ranking.isOpen)
            #expect(ranking.slots[0].ranked == [w[1], w[0], w[2]] && ranking.rankedChoices == 3)
            // No seat was taken at registration, and workshops are not chosen directly.
            #expect(ranked.attendees.allSatisfy { $0.value1.workshops.isEmpty })
            let direct = try await mine.updateRegistration(
                path: .init(registrationId: ranked.attendees[8].value1.id), body: .json(.init(workshops: [w[0]])))
            #expect(try expectProblem(in: direct, status: 409)?.rule == "workshops_ranked")

            let priority = try await api.proposeAllocation(path: .init(eventId: event), body: .json(.init(mechanism: .priority)))
                .created.body.json
            let lottery = try await api.proposeAllocation(
                path: .init(eventId: event), body: .json(.init(mechanism: .lottery, seed: "agadir-2022"))
            ).created.body.json
            let best = try await api.proposeAllocation(path: .init(eventId: event), body: .json(.init(mechanism: .rankMaximal)))
                .created.body.json
            #expect(Set([priority.inputsDigest, lottery.inputsDigest, best.inputsDigest]).count == 1)
            #expect(lottery.seed == "agadir-2022" && priority.seed == nil && !best.applied)
            // Registration order: four take the first workshop, the next four the second (their
            // second choice), the three who wanted the second get the third; the last her only one.
            #expect(priority.byRank.map(\.count) == [5, 4, 3] && priority.unassigned.count == 0)
            // Rank-maximal: every first choice that fits (4 + 3 + 1), then the last seat of the
            // second workshop, then the third.
            #expect(best.byRank.map(\.count) == [8, 1, 3] && best.placements == 12 && best.attendees == 12)
            #expect(abs(best.byRank[0].share - 8.0 / 12) < 1e-9)
            let figures = Dictionary(uniqueKeysWithValues: best.workshops.map { ($0.workshopId, $0) })
            #expect(figures[w[0]]?.filled == 4 && figures[w[0]]?.firstChoices == 8 && figures[w[0]]?.demand == 11)
            #expect(figures[w[2]]?.filled == 4 && figures[w[2]]?.belowMinimum == true && figures[w[0]]?.belowMinimum == true)
            #expect(figures[w[1]]?.seats == 4)
            let listed = try await api.listAllocations(path: .init(eventId: event)).ok.body.json.items
            #expect(listed.map(\.id) == [best.id, lottery.id, priority.id])

            let applied = try await api.applyAllocation(path: .init(allocationId: best.id)).ok.body.json
            #expect(applied.applied && applied.appliedAt != nil)
            let again = try await api.applyAllocation(path: .init(allocationId: best.id))
            #expect(try expectProblem(in: again, status: 409)?.rule == "allocation_applied")
            // The seats are taken now: the earlier proposals counted on free seats.
            let stale = try await api.applyAllocation(path: .init(allocationId: priority.id))
            #expect(try expectProblem(in: stale, status: 409)?.rule == "allocation_inputs_changed")

            var seated: [String: Int] = [:]
            for attendee in ranked.attendees {
                let registration = try await api.getRegistration(path: .init(registrationId: attendee.value1.id)).ok.body.json
                #expect(registration.workshops.count == 1)
                for workshop in registration.workshops { seated[workshop, default: 0] += 1 }
            }
            #expect(seated == [w[0]: 4, w[1]: 4, w[2]: 4])

            // Each attendee reads their result. Somebody who ranked the first workshop first and
            // got the third is told what either better choice would have cost the others.
            var thirdChoices = 0
            for attendee in ranked.attendees.prefix(8) {
                let own = Client(app, token: attendee.value2.manageToken)
                let result = try await own.getRegistrationAllocation(path: .init(registrationId: attendee.value1.id)).ok
                    .body.json.items
                #expect(result.count == 1 && result[0].mechanism == .rankMaximal)
                guard result[0].rank == 3 else { continue }
                thirdChoices += 1
                #expect(result[0].workshopId == w[2] && result[0].missed.map(\.workshopId) == [w[0], w[1]])
                let firstChoice = try #require(result[0].missed.first?.costToOthers)
                #expect(firstChoice.contains { $0.rank == 1 && $0.change < 0 }, "\(firstChoice)")
            }
            #expect(thirdChoices == 3)
            // Another attendee's result is not theirs to read.
            let stranger = Client(app, token: ranked.attendees[0].value2.manageToken)
            let refused = try await stranger.getRegistrationAllocation(path: .init(registrationId: ranked.attendees[1].value1.id))
            try expectProblem(in: refused, status: 404)

            let mails = try await api.listNotifications(path: .init(eventId: event), query: .init(limit: 100)).ok.body.json
            #expect(mails.items.filter { $0.kind == .workshopsAllocated }.count == 12)
        }
    }

    @Test(
        "each attendee is mailed their workshops in their language, with a calendar that holds them, once the allocation is applied",
        .isolatedDatabase)
    func mailed() async throws {
        let token = try await makeToken(.organizer)
        let sink = try await SMTPSink.start()
        var configuration = AppConfiguration.forTests
        configuration.mail = try sink.mailConfiguration()
        try await withTestApp(configuration: configuration) { app in
            let api = Client(app, token: token)
            let ranked = try await Self.ranked(api)
            // The twelve confirmations first: a ranking holds no seat, so they list no workshop.
            let confirmations = try await sink.waitFor(12)
            #expect(confirmations.allSatisfy { !($0.text ?? "").contains("تطوير نظام تقييم") })
            let proposal = try await api.proposeAllocation(
                path: .init(eventId: ranked.meeting.event), body: .json(.init(mechanism: .rankMaximal))
            ).created.body.json
            _ = try await api.applyAllocation(path: .init(allocationId: proposal.id)).ok
            let mails = try await sink.waitFor(24).suffix(12)
            let first = try #require(mails.first { $0.envelopeTo == ["rank0@example.ma"] })
            #expect(first.subject.hasPrefix("ورشاتكم") && first.contentLanguage == "ar")
            // Attendee 0 ranked the first workshop first, and registered first: she has it.
            let text = try #require(first.text)
            #expect(text.contains("تطوير نظام تقييم أداء الجماعات المستهدفة وتحفيزها"), "\(text)")
            let calendar = try #require(first.attachments.first { $0.contentType.hasPrefix("text/calendar") })
            #expect(calendar.events.contains { $0.summary.contains("تطوير نظام تقييم") })
            #expect(Set(mails.flatMap(\.envelopeTo)).count == 12)
            let french = try #require(mails.first { $0.envelopeTo == ["rank1@example.ma"] })
            #expect(french.subject.hasPrefix("Vos ateliers") && french.contentLanguage == "fr")
        }
    }

    @Test("a proposal is refused once a ranking changed since, and nothing is seated", .isolatedDatabase)
    func inputsChanged() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let ranked = try await Self.ranked(api)
            let w = ranked.meeting.workshops
            let proposal = try await api.proposeAllocation(
                path: .init(eventId: ranked.meeting.event), body: .json(.init(mechanism: .lottery))
            ).created.body.json
            #expect(proposal.seed?.count == 32)
            let attendee = ranked.attendees[11]
            let own = Client(app, token: attendee.value2.manageToken)
            let changed = try await own.putRanking(
                path: .init(registrationId: attendee.value1.id), body: .json(.init(workshops: [w[2], w[0]]))
            ).ok.body.json
            #expect(changed.workshops == [w[2], w[0]])
            let refused = try await api.applyAllocation(path: .init(allocationId: proposal.id))
            #expect(try expectProblem(in: refused, status: 409)?.rule == "allocation_inputs_changed")
            let registration = try await api.getRegistration(path: .init(registrationId: attendee.value1.id)).ok.body.json
            #expect(registration.workshops.isEmpty)
            #expect(try await api.getAllocation(path: .init(allocationId: proposal.id)).ok.body.json.applied == false)
            // A new proposal over the inputs as they are now applies.
            let fresh = try await api.proposeAllocation(
                path: .init(eventId: ranked.meeting.event), body: .json(.init(mechanism: .lottery, seed: proposal.seed))
            ).created.body.json
            #expect(fresh.inputsDigest != proposal.inputsDigest)
            #expect(try await api.applyAllocation(path: .init(allocationId: fresh.id)).ok.body.json.applied)
            // The draw's first attendee got their first choice: a lottery is serial in its order.
            let mine = try await own.getRegistrationAllocation(path: .init(registrationId: attendee.value1.id)).ok.body.json
            let turn = try #require(mine.items.first?.turn)
            #expect(mine.items.first?.turns == 12 && (1...12).contains(turn))
        }
    }

    /// The pages draw the choice lists from the sessions they already read (`WorkshopSlots`); the
    /// database seats and allocates by `multaqa_workshop_slots`. Both must cut the same slots,
    /// touching times included (a workshop that starts when another ends is in the next slot).
    @Test("the pages' time slots are the database's, over chains, nested and touching workshops", .isolatedDatabase)
    func slotsAgree() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let meeting = try await Fixtures.agadirMeeting(using: api)
            // 2022-03-25T08:00:00Z, the meeting's first hour.
            let opening = Date(timeIntervalSince1970: 1_648_195_200)
            var workshops = meeting.workshops
            for index in 0..<9 {
                workshops.append(
                    try await api.createSession(
                        path: .init(eventId: meeting.event),
                        body: .json(
                            .init(
                                kind: .workshop, title: .init(fr: "Atelier \(index)"), startsAt: opening,
                                endsAt: opening.addingTimeInterval(1800)))
                    ).created.body.json.id)
            }
            // Three rounds of deterministic times in quarter hours over the first day: starts and
            // lengths from small multiplicative sequences, so that chains, nested workshops and
            // exact touches all occur.
            for round in [1, 2, 4] {
                for (index, workshop) in workshops.enumerated() {
                    let start = (index * (round * 7 + 3)) % 24
                    let length = 1 + (index * round * 5) % 8
                    _ = try await api.updateSession(
                        path: .init(eventId: meeting.event, sessionId: workshop),
                        body: .json(
                            .init(
                                startsAt: opening.addingTimeInterval(Double(start) * 900),
                                endsAt: opening.addingTimeInterval(Double(start + length) * 900)))
                    ).ok
                }
                let event = try #require(UUID(uuidString: meeting.event))
                let (database, pages) = try await #require(TestDatabase.current).withDatabase { database in
                    let slots = try await AllocationStore(database: database).slots(eventID: event)
                    let sessions = try await ScheduleStore(database: database).sessions(eventID: event)
                    return (slots, WorkshopSlots(sessions: sessions))
                }
                let byDatabase = Dictionary(grouping: database, by: \.slot).values.map { Set($0.map(\.workshop)) }
                let byPages = pages.slots.map { Set($0.workshops.map(\.id)) }
                #expect(Set(byDatabase) == Set(byPages), "round \(round)")
                #expect(byPages.count > 1 && byPages.count < workshops.count, "round \(round): \(byPages.count) slots")
            }
        }
    }

    @Test(
        "the rules: ranked settings, rankings only where the event ranks, at most k per slot, until the deadline",
        .isolatedDatabase)
    func rules() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { app in
            let api = Client(app, token: token)
            let meeting = try await Fixtures.agadirMeeting(using: api)
            let w = meeting.workshops
            let settings = try await api.putRegistrationSettings(
                path: .init(eventId: meeting.event), body: .json(.init(capacities: [.init(mode: .inPerson, capacity: 50)]))
            ).ok.body.json
            #expect(settings.workshopChoice.mode == .atRegistration)
            let inconsistent = try await api.putRegistrationSettings(
                path: .init(eventId: meeting.event),
                body: .json(
                    .init(
                        capacities: [.init(mode: .inPerson, capacity: 50)],
                        workshopChoice: .init(mode: .atRegistration, rankedChoices: 2))))
            #expect(try expectProblem(in: inconsistent, status: 422)?.mentions("workshopChoice.mode") == true)
            let registered = try await api.createRegistration(
                path: .init(eventId: meeting.event),
                body: .json(
                    Input(fullName: "Karim Alaoui", email: "k@example.ma", category: .citizen, mode: .inPerson, consent: true))
            ).created.body.json
            let own = Client(app, token: registered.value2.manageToken)
            let notRanked = try await own.putRanking(
                path: .init(registrationId: registered.value1.id), body: .json(.init(workshops: [w[0]])))
            #expect(try expectProblem(in: notRanked, status: 409)?.rule == "workshops_not_ranked")
            let badSeed = try await api.proposeAllocation(
                path: .init(eventId: meeting.event), body: .json(.init(mechanism: .lottery, seed: "a\u{0}b")))
            #expect(try expectProblem(in: badSeed, status: 422)?.mentions("seed") == true)
            let nothing = try await api.proposeAllocation(
                path: .init(eventId: meeting.event), body: .json(.init(mechanism: .priority)))
            #expect(try expectProblem(in: nothing, status: 409)?.rule == "workshops_not_ranked")

            // The fixture's workshops follow one another: three slots of one workshop each. One
            // choice per slot is enough there; the limit counts per slot.
            _ = try await api.putRegistrationSettings(
                path: .init(eventId: meeting.event),
                body: .json(
                    .init(
                        capacities: [.init(mode: .inPerson, capacity: 50)],
                        workshopChoice: .init(mode: .ranked, rankedChoices: 1))))
            let perSlot = try await own.putRanking(
                path: .init(registrationId: registered.value1.id), body: .json(.init(workshops: [w[2], w[0], w[1]]))
            ).ok.body.json
            #expect(perSlot.slots.map(\.slot) == [1, 2, 3] && perSlot.slots.map(\.ranked) == [[w[0]], [w[1]], [w[2]]])
            let twice = try await own.putRanking(
                path: .init(registrationId: registered.value1.id), body: .json(.init(workshops: [w[0], w[0]])))
            #expect(try expectProblem(in: twice, status: 422)?.mentions("workshops") == true)
            let unknown = try await own.putRanking(
                path: .init(registrationId: registered.value1.id), body: .json(.init(workshops: [UUID().uuidString])))
            try expectProblem(in: unknown, status: 422)
            // Side by side, only one of them may be ranked.
            let start = Date(timeIntervalSince1970: 1_648_285_200)
            for workshop in w {
                _ = try await api.updateSession(
                    path: .init(eventId: meeting.event, sessionId: workshop),
                    body: .json(.init(startsAt: start, endsAt: start.addingTimeInterval(3600)))
                ).ok
            }
            let tooMany = try await own.putRanking(
                path: .init(registrationId: registered.value1.id), body: .json(.init(workshops: [w[0], w[1]])))
            #expect(try expectProblem(in: tooMany, status: 422)?.mentions("workshops") == true)
            // After the deadline, the ranking stays as it was.
            _ = try await api.putRegistrationSettings(
                path: .init(eventId: meeting.event),
                body: .json(
                    .init(
                        capacities: [.init(mode: .inPerson, capacity: 50)],
                        workshopChoice: .init(mode: .ranked, rankingsCloseAt: Date().addingTimeInterval(-60)))))
            let late = try await own.putRanking(
                path: .init(registrationId: registered.value1.id), body: .json(.init(workshops: [w[1]])))
            #expect(try expectProblem(in: late, status: 409)?.rule == "rankings_closed")
            let kept = try await own.getRanking(path: .init(registrationId: registered.value1.id)).ok.body.json
            #expect(kept.workshops == [w[2], w[0], w[1]] && !kept.isOpen)
        }
    }
}
