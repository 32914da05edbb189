import Foundation
import MultaqaDomain
import MultaqaStore

/// A proposal from the inputs as they stand: read in one snapshot, allocated by the domain's
/// mechanism, stored with its figures and the hash of its inputs.
public struct AllocationService: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func propose(eventID: UUID, mechanism: AllocationMechanism, seed: String?) async throws -> Allocation {
        let store = AllocationStore(database: database)
        let settings = try await RegistrationStore(database: database).settings(eventID: eventID)
        guard let choice = settings?.workshopChoice, choice.mode == .ranked else {
            throw DomainError.conflict(
                rule: "workshops_not_ranked", detail: "this event takes workshops at registration; there is nothing to allocate")
        }
        let input = try await store.inputs(eventID: eventID)
        let drawSeed = mechanism == .lottery ? (seed ?? LotteryDraw.newSeed()) : nil
        let placements = Allocator.allocate(input, mechanism: mechanism, seed: drawSeed)
        let statistics = AllocationStatistics(
            outcome: placements, input: input, minimumAttendance: choice.minimumAttendance)
        return try await store.save(
            eventID: eventID, mechanism: mechanism, seed: drawSeed, input: input, placements: placements,
            statistics: statistics)
    }
}
