import Foundation
import MultaqaDomain
import MultaqaServices
import MultaqaStore
import OpenAPIRuntime

/// Workshops by preference: rankings (attendees), proposals and their application (organisers),
/// and each attendee's result with its explanation.
extension APIImplementation {
    var allocations: AllocationStore { AllocationStore(database: database) }

    // MARK: Rankings

    func getRanking(_ input: Operations.GetRanking.Input) async throws -> Operations.GetRanking.Output {
        let (registration, _) = try await accessibleRegistration(input.path.registrationId)
        return .ok(.init(body: .json(try await rankingSchema(registration))))
    }

    func putRanking(_ input: Operations.PutRanking.Input) async throws -> Operations.PutRanking.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let (registration, _) = try await accessibleRegistration(input.path.registrationId)
        let workshops = try body.workshops.enumerated().map { index, text in
            guard let id = UUID(idText: text) else {
                throw DomainError.invalid("workshops[\(index)]", "must be an id (a UUID)")
            }
            return id
        }
        try await allocations.setRanking(registrationID: registration.id, workshops: workshops)
        return .ok(.init(body: .json(try await rankingSchema(registration))))
    }

    private func rankingSchema(_ registration: Registration) async throws -> Components.Schemas.Ranking {
        let ranking = try await allocations.ranking(registrationID: registration.id)
        let slots = try await allocations.slots(eventID: registration.eventID)
        let choice = try await registrations.settings(eventID: registration.eventID)?.workshopChoice ?? WorkshopChoice()
        let position = Dictionary(uniqueKeysWithValues: ranking.enumerated().map { ($1, $0) })
        let numbers = Array(Set(slots.map(\.slot))).sorted()
        let open =
            choice.mode == .ranked && registration.status.isActive && (choice.rankingsCloseAt.map { Date() < $0 } ?? true)
        return .init(
            workshops: ranking.map(SchemaMapping.id),
            slots: numbers.map { number in
                let workshops = slots.filter { $0.slot == number }.map(\.workshop)
                let ranked = workshops.filter { position[$0] != nil }.sorted { position[$0]! < position[$1]! }
                return .init(slot: number, workshops: workshops.map(SchemaMapping.id), ranked: ranked.map(SchemaMapping.id))
            },
            rankedChoices: choice.rankedChoices, closesAt: choice.rankingsCloseAt, isOpen: open)
    }

    // MARK: Proposals

    func proposeAllocation(_ input: Operations.ProposeAllocation.Input) async throws -> Operations.ProposeAllocation.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        let mechanism = body.mechanism.domain
        if let seed = body.seed {
            if mechanism != .lottery { throw DomainError.invalid("seed", "applies to the lottery only") }
            // Published and typed again by whoever replays the draw: printable characters only.
            if seed.trimmingCharacters(in: .whitespaces).isEmpty
                || seed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            {
                throw DomainError.invalid("seed", "must be printable characters, not only spaces")
            }
        }
        let proposal = try await AllocationService(database: database).propose(
            eventID: event.id, mechanism: mechanism, seed: body.seed)
        return .created(.init(body: .json(Self.schema(proposal))))
    }

    func listAllocations(_ input: Operations.ListAllocations.Input) async throws -> Operations.ListAllocations.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        return .ok(.init(body: .json(.init(items: try await allocations.list(eventID: event.id).map(Self.schema)))))
    }

    func getAllocation(_ input: Operations.GetAllocation.Input) async throws -> Operations.GetAllocation.Output {
        _ = try await authorize(.organizer)
        guard let id = UUID(idText: input.path.allocationId) else { throw DomainError.notFound(resource: "allocation") }
        return .ok(.init(body: .json(Self.schema(try await allocations.find(id: id)))))
    }

    func applyAllocation(_ input: Operations.ApplyAllocation.Input) async throws -> Operations.ApplyAllocation.Output {
        _ = try await authorize(.organizer)
        guard let id = UUID(idText: input.path.allocationId) else { throw DomainError.notFound(resource: "allocation") }
        _ = try await allocations.apply(id: id)
        return .ok(.init(body: .json(Self.schema(try await allocations.find(id: id)))))
    }

    static func schema(_ allocation: Allocation) -> Components.Schemas.Allocation {
        let figures = allocation.statistics
        func share(_ count: Int, rank: Int?) -> Components.Schemas.RankShare {
            .init(rank: rank, count: count, share: figures.placements == 0 ? 0 : Double(count) / Double(figures.placements))
        }
        return .init(
            id: SchemaMapping.id(allocation.id), eventId: SchemaMapping.id(allocation.eventID),
            mechanism: .init(allocation.mechanism), seed: allocation.seed, inputsDigest: allocation.inputsDigest,
            attendees: figures.attendees, placements: figures.placements,
            byRank: figures.byRank.enumerated().map { share($1, rank: $0 + 1) },
            unassigned: share(figures.unassigned, rank: nil),
            workshops: figures.workshops.map { workshop in
                .init(
                    workshopId: SchemaMapping.id(workshop.workshop), slot: workshop.slot, seats: workshop.seats,
                    filled: workshop.filled, taken: workshop.taken, firstChoices: workshop.firstChoices,
                    demand: workshop.demand, belowMinimum: workshop.belowMinimum)
            },
            createdAt: allocation.createdAt, applied: allocation.appliedAt != nil, appliedAt: allocation.appliedAt)
    }

    // MARK: The attendee's result

    func getRegistrationAllocation(
        _ input: Operations.GetRegistrationAllocation.Input
    ) async throws
        -> Operations.GetRegistrationAllocation.Output
    {
        let (registration, _) = try await accessibleRegistration(input.path.registrationId)
        let placed = try await allocations.applied(registrationID: registration.id)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: placed.map { applied in
                            let placement = applied.placement
                            return .init(
                                slot: placement.slot, workshopId: placement.workshop.map(SchemaMapping.id),
                                rank: placement.rank, mechanism: .init(applied.mechanism), appliedAt: applied.appliedAt,
                                turn: placement.explanation.turn, turns: placement.explanation.turns,
                                missed: placement.explanation.missed.map { missed in
                                    .init(
                                        workshopId: SchemaMapping.id(missed.workshop), rank: missed.rank,
                                        hadNoSeat: missed.hadNoSeat, filledAtTurn: missed.filledAtTurn,
                                        costToOthers: missed.costToOthers?.map { .init(rank: $0.rank, change: $0.change) })
                                })
                        }))))
    }
}
