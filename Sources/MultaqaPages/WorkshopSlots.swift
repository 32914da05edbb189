import Foundation
import MultaqaDomain

/// An event's workshops in time slots: workshops whose times overlap run in parallel and form one
/// slot, of which an attendee takes at most one: the rule of `multaqa_workshop_slots`, which seats
/// and allocates; a test holds the two to the same slots.
public struct WorkshopSlots: Sendable {
    public struct Slot: Sendable {
        public var startsAt: Date
        public var endsAt: Date
        public var workshops: [Session]
    }

    public let slots: [Slot]

    public init(sessions: [Session]) {
        let workshops = sessions.filter { $0.kind == .workshop }.sorted {
            ($0.startsAt, $0.number, $0.id.uuidString) < ($1.startsAt, $1.number, $1.id.uuidString)
        }
        var slots: [Slot] = []
        for workshop in workshops {
            if let last = slots.last, workshop.startsAt < last.endsAt {
                slots[slots.count - 1].workshops.append(workshop)
                slots[slots.count - 1].endsAt = max(last.endsAt, workshop.endsAt)
            } else {
                slots.append(Slot(startsAt: workshop.startsAt, endsAt: workshop.endsAt, workshops: [workshop]))
            }
        }
        self.slots = slots
    }

    /// The form's field for slot `index` (from 0): `workshop_1`, `workshop_2`…
    public static func fieldName(_ index: Int) -> String { "workshop_\(index + 1)" }
}
