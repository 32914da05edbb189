import Foundation
import MultaqaDomain

/// What an attendee reads about their workshops once allocated: the workshop given in each slot
/// and, for each choice ranked above it, why they did not get it, in their language.
enum AllocationText {
    static func entries(
        _ applied: [AppliedPlacement], slots: WorkshopSlots, titles: [UUID: String], labels: PageLabels, format: PageFormat
    ) -> [[String: Any]] {
        // Names are isolated (FSI … PDI) so that a French title keeps its place in an Arabic sentence.
        func name(_ id: UUID) -> String { "\u{2068}" + (titles[id] ?? "—") + "\u{2069}" }
        func fill(_ key: String, _ values: [String: String]) -> String {
            values.reduce(labels[key]) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
        }
        return applied.map { entry in
            let placement = entry.placement
            let explanation = placement.explanation
            var lines = [labels["alloc.by.\(entry.mechanism.rawValue)"]]
            if let turn = explanation.turn, let turns = explanation.turns, !explanation.missed.isEmpty {
                lines.append(
                    fill(
                        "alloc.turn.\(entry.mechanism.rawValue)", ["turn": format.number(turn), "turns": format.number(turns)]))
            }
            for missed in explanation.missed {
                let values = ["workshop": name(missed.workshop), "rank": format.number(missed.rank)]
                if missed.hadNoSeat {
                    lines.append(fill("alloc.noSeat", values))
                } else if let filled = missed.filledAtTurn {
                    lines.append(fill("alloc.full", values.merging(["filled": format.number(filled)]) { $1 }))
                } else if let cost = missed.costToOthers {
                    let changes = cost.map { change in
                        let count = ["n": format.number(abs(change.change))]
                        guard let rank = change.rank else { return fill("alloc.without", count) }
                        let rankValues = count.merging(["rank": format.number(rank)]) { $1 }
                        return fill(change.change < 0 ? "alloc.fewer" : "alloc.more", rankValues)
                    }
                    lines.append(
                        fill("alloc.cost", values.merging(["changes": changes.joined(separator: labels["alloc.and"])]) { $1 }))
                }
            }
            let slotLabel =
                slots.slots.indices.contains(placement.slot - 1)
                ? RegistrationForm.slotLabel(placement.slot - 1, slots.slots[placement.slot - 1], labels: labels, format: format)
                : labels["form.slot"].replacingOccurrences(of: "{n}", with: format.number(placement.slot))
            let got =
                placement.workshop.map { workshop in
                    fill("alloc.got", ["workshop": name(workshop), "rank": format.number(placement.rank ?? 0)])
                } ?? labels["alloc.none"]
            return ["slot": slotLabel, "got": got, "given": placement.workshop != nil, "lines": lines.map { ["text": $0] }]
        }
    }
}
