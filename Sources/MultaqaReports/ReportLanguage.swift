import Foundation
import MultaqaDomain

/// The languages a report is asked for: `ar`, `fr`, `en`, or two joined by `+` (`ar+fr`).
public enum ReportLanguage {
    public static let supported = ["ar", "fr", "en"]

    public static func parse(_ text: String?) throws(DomainError) -> [String] {
        let value = (text ?? "fr").lowercased()
        // "ar+fr" arrives as "ar fr" when the + of a query string is read as a space.
        let parts = value.split(whereSeparator: { $0 == "+" || $0 == " " || $0 == "," }).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy(supported.contains), Set(parts).count == parts.count else {
            throw .invalid("lang", "must be ar, fr, en or two of them joined by +, such as ar+fr")
        }
        return parts
    }

    public static func direction(_ language: String) -> String { language == "ar" ? "rtl" : "ltr" }

    /// The text of `localized` in each language asked for. In a bilingual report a language
    /// without a text of its own gets a part that says which language has it, so that the text is
    /// shown once, in its own column, and the other column says where it is. A text that exists in
    /// none of the languages asked for is shown in another one (with its own `lang`): a report
    /// never shows an empty cell for a recommendation written in English only.
    public static func cell(_ localized: LocalizedText, _ languages: [String]) -> ReportDocument.Cell {
        labelled({ _ in "" }, localized, languages)
    }

    /// A label followed by a text that exists in some languages only ("Axe : …"): the label in
    /// each language, the text where it exists, and where it does not, in a bilingual report, the
    /// label and a mark instead of printing the other language's text a second time.
    static func labelled(_ label: (String) -> String, _ localized: LocalizedText, _ languages: [String]) -> ReportDocument.Cell {
        let present = languages.filter { value(localized, $0) != nil }
        guard let holder = present.first else {
            guard let other = standIn(localized, languages) else { return ReportDocument.Cell(parts: []) }
            if label(other.language).isEmpty { return ReportDocument.Cell([other]) }
            return ReportDocument.Cell(languages.map { ($0, label($0) + other.text) })
        }
        return ReportDocument.Cell(
            parts: languages.map { language in
                if let text = value(localized, language) { return .init(language: language, text: label(language) + text) }
                return .init(language: language, text: label(language).trimmingCharacters(in: .whitespaces), onlyIn: holder)
            })
    }

    /// A name in `language` for a list in running text (partners, actors, speakers). A name that
    /// is not written in that language is marked in a bilingual report (it stands, once, in the
    /// other column's list); in a one-language report another language's text stands in.
    static func name(_ localized: LocalizedText, _ language: String, _ languages: [String]) -> String? {
        if let text = value(localized, language) { return text }
        if languages.count > 1, let holder = languages.first(where: { value(localized, $0) != nil }) {
            return "(\(ReportLabels.text("only.\(holder)", language)))"
        }
        return standIn(localized, [language])?.text
    }

    /// A free text that carries no language (an axis): Arabic if it is written in Arabic script,
    /// otherwise the report's other language (or, when both are in Latin script, both).
    static func guess(_ text: String, _ languages: [String]) -> LocalizedText {
        let arabic = text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) || (0x0750...0x077F).contains($0.value) }
        if arabic { return LocalizedText(ar: text) }
        let latin = languages.filter { $0 != "ar" }
        if latin.isEmpty { return LocalizedText(fr: text) }
        return LocalizedText(
            fr: latin.contains("fr") ? text : nil, en: latin.contains("en") || !latin.contains("fr") ? text : nil)
    }

    /// The text in a language the report was not asked for, when it has none in those it was.
    private static func standIn(_ localized: LocalizedText, _ languages: [String]) -> (language: String, text: String)? {
        for language in languages + supported {
            if let text = value(localized, language) { return (language, text) }
        }
        return nil
    }

    /// Items of a list in running text, with the comma of the language.
    static func list(_ items: [String], _ language: String) -> String {
        items.joined(separator: language == "ar" ? "، " : ", ")
    }

    /// A label of the report itself, in each language asked for.
    public static func label(_ key: String, _ languages: [String]) -> ReportDocument.Cell {
        ReportDocument.Cell(languages.map { ($0, ReportLabels.text(key, $0)) })
    }

    static func value(_ localized: LocalizedText, _ language: String) -> String? {
        switch language {
        case "ar": localized.ar
        case "fr": localized.fr
        default: localized.en
        }
    }
}
