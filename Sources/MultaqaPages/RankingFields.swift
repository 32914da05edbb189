import Foundation
import MultaqaDomain

/// Ranking workshops on the pages: in each time slot, "choice 1", "choice 2"… as lists to pick
/// from, read back slot by slot and choice by choice into the one list, best first, that the
/// API takes.
public enum RankingFields {
    /// `rank_2_1`: the first choice of the second slot.
    public static func fieldName(slot: Int, choice: Int) -> String { "rank_\(slot + 1)_\(choice + 1)" }

    /// Whether a form carries a ranking at all: only then need the event's settings be read.
    public static func isPresent(in input: FormInput) -> Bool {
        input.values.keys.contains { $0.hasPrefix("rank_") }
    }

    /// How many choices a slot offers: all its workshops, or the organisers' limit.
    static func count(_ slot: WorkshopSlots.Slot, choices: Int?) -> Int {
        min(slot.workshops.count, choices ?? slot.workshops.count)
    }

    /// The ranking a form sent; a blank choice, a workshop of another slot and a repeated one are
    /// left out.
    public static func ranking(_ input: FormInput, slots: WorkshopSlots, choices: Int?) -> [UUID] {
        var ranking: [UUID] = []
        for (index, slot) in slots.slots.enumerated() {
            let offered = Set(slot.workshops.map(\.id))
            for choice in 0..<count(slot, choices: choices) {
                guard let value = input.text(fieldName(slot: index, choice: choice)), let id = UUID(idText: value),
                    offered.contains(id), !ranking.contains(id)
                else { continue }
                ranking.append(id)
            }
        }
        return ranking
    }

    /// The ranking as stored, as the fields' chosen values.
    public static func values(_ ranking: [UUID], slots: WorkshopSlots) -> [String: String] {
        var values: [String: String] = [:]
        for (index, slot) in slots.slots.enumerated() {
            let offered = Set(slot.workshops.map(\.id))
            for (choice, id) in ranking.filter(offered.contains).enumerated() {
                values[fieldName(slot: index, choice: choice)] = id.idText
            }
        }
        return values
    }

    static func groups(
        _ slots: WorkshopSlots, chosen: (String) -> String?, choices: Int?, labels: PageLabels, format: PageFormat,
        pick: (LocalizedText) -> String?
    ) -> [[String: Any]] {
        slots.slots.enumerated().map { index, slot in
            let selects: [[String: Any]] = (0..<count(slot, choices: choices)).map { choice in
                let name = fieldName(slot: index, choice: choice)
                let value = chosen(name) ?? ""
                let options: [[String: Any]] =
                    [["value": "", "title": labels["form.noChoice"], "selected": value.isEmpty]]
                    + slot.workshops.map { workshop in
                        let id = workshop.id.idText
                        return ["value": id, "title": pick(workshop.title) ?? "", "selected": value == id]
                    }
                return [
                    "name": name, "label": labels["form.choice"].replacingOccurrences(of: "{n}", with: format.number(choice + 1)),
                    "options": options,
                ]
            }
            return ["label": RegistrationForm.slotLabel(index, slot, labels: labels, format: format), "selects": selects]
        }
    }
}
