import Crypto
import Foundation

/// What an allocation reads: the workshops with the seats they still have, and the confirmed
/// attendees, in registration order, with their ranking in each time slot.
public struct AllocationInput: Equatable, Sendable {
    public struct Workshop: Equatable, Sendable {
        public let id: UUID
        /// Workshops of one slot take place at overlapping times: an attendee gets at most one.
        public let slot: Int
        /// Seats still free; nil when the workshop has no capacity.
        public let seats: Int?
        /// Seats already held (an earlier allocation, or an organiser's change).
        public let taken: Int

        public init(id: UUID, slot: Int, seats: Int?, taken: Int = 0) {
            self.id = id
            self.slot = slot
            self.seats = seats
            self.taken = taken
        }
    }

    public struct Attendee: Equatable, Sendable {
        public let id: UUID
        public let registeredAt: Date
        /// Per slot, the workshops ranked, best first. A slot where the attendee already holds a
        /// seat is absent.
        public let rankings: [Int: [UUID]]

        public init(id: UUID, registeredAt: Date, rankings: [Int: [UUID]]) {
            self.id = id
            self.registeredAt = registeredAt
            self.rankings = rankings
        }
    }

    public let workshops: [Workshop]
    /// In registration order: the order `priority` serves.
    public let attendees: [Attendee]

    public init(workshops: [Workshop], attendees: [Attendee]) {
        self.workshops = workshops.sorted { ($0.slot, $0.id.uuidString) < ($1.slot, $1.id.uuidString) }
        self.attendees = attendees
    }

    public var slots: [Int] { Array(Set(workshops.map(\.slot))).sorted() }

    /// SHA-256 of a canonical text of the inputs, in hex: a proposal is applied only while the
    /// inputs still hash to the value it was computed from.
    public var digest: String {
        var text = ""
        for workshop in workshops {
            text +=
                "w \(workshop.id.idText) \(workshop.slot) \(workshop.seats.map(String.init) ?? "-") \(workshop.taken)\n"
        }
        for attendee in attendees {
            let micros = Int64((attendee.registeredAt.timeIntervalSince1970 * 1_000_000).rounded())
            text += "a \(attendee.id.idText) \(micros)"
            for slot in attendee.rankings.keys.sorted() {
                text +=
                    " \(slot):" + attendee.rankings[slot, default: []].map { $0.idText }.joined(separator: ",")
            }
            text += "\n"
        }
        return SHA256.hash(data: Data(text.utf8)).hexadecimal
    }
}
