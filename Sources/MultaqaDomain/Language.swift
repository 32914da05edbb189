import Foundation

/// A language an attendee reads the service in: its mail now, its pages later. Arabic is written
/// right to left.
public enum Language: String, CaseIterable, Sendable {
    case ar, fr, en

    public var isRightToLeft: Bool { self == .ar }

    /// The language mail is written in when an attendee named none: the first of the event's
    /// languages that is one of ours, else English (the same rule as the database's
    /// `multaqa_event_mail_language`).
    public static func defaultFor(eventLanguages: [String]) -> Language {
        eventLanguages.lazy.compactMap(Language.init(rawValue:)).first ?? .en
    }

    /// The text in this language, else in the event's languages in their order, else any.
    public func pick(_ text: LocalizedText, eventLanguages: [String] = []) -> String? {
        if let own = text[self] { return own }
        for code in eventLanguages {
            if let language = Language(rawValue: code), let value = text[language] { return value }
        }
        return text.ar ?? text.fr ?? text.en
    }
}

extension LocalizedText {
    public subscript(language: Language) -> String? {
        switch language {
        case .ar: ar
        case .fr: fr
        case .en: en
        }
    }
}
