import Foundation
import MultaqaDomain

/// Picks the text a single-language output (a calendar entry, a schedule app) shows: the wanted
/// language when present, then the event's languages in order, then Arabic, French, English.
struct TextChooser {
    let order: [String]

    init(preferred: String?, eventLanguages: [String]) {
        var order: [String] = []
        for code in [preferred].compactMap({ $0 }) + eventLanguages + ["ar", "fr", "en"] where !order.contains(code) {
            order.append(code)
        }
        self.order = order
    }

    func pick(_ text: LocalizedText) -> String? {
        for code in order {
            switch code {
            case "ar": if let value = text.ar { return value }
            case "fr": if let value = text.fr { return value }
            case "en": if let value = text.en { return value }
            default: continue
            }
        }
        return nil
    }

    func name(_ person: Person) -> String {
        [pick(person.honorific), pick(person.fullName)].compactMap { $0 }.joined(separator: " ")
    }
}
