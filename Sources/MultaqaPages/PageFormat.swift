import Foundation
import MultaqaDomain

/// Dates, times and numbers written the reader's way, in the event's time zone: Moroccan Arabic
/// month names with Western digits (as Moroccan administrations write them), French, British English.
public struct PageFormat: Sendable {
    public let language: Language
    public let timeZone: TimeZone

    public init(language: Language, timeZone: String) {
        self.language = language
        self.timeZone = TimeZone(identifier: timeZone) ?? .gmt
    }

    var locale: Locale {
        switch language {
        case .ar: Locale(identifier: "ar_MA")
        case .fr: Locale(identifier: "fr_FR")
        case .en: Locale(identifier: "en_GB")
        }
    }

    private func formatter(template: String) -> DateFormatter {
        DateFormatters.localized(template: template, locale: locale, timeZone: timeZone)
    }

    /// "mardi 22 décembre 2026".
    public func day(_ date: Date) -> String { formatter(template: "EEEEdMMMMy").string(from: date) }

    /// "22 déc. 2026".
    public func shortDay(_ date: Date) -> String { formatter(template: "dMMMy").string(from: date) }

    /// "09:30", on the 24-hour clock in every language.
    public func time(_ date: Date) -> String {
        DateFormatters.fixed(format: "HH:mm", locale: Locale(identifier: "en_US_POSIX"), timeZone: timeZone).string(from: date)
    }

    /// One day with its hours, or the first and last days.
    public func period(_ start: Date, _ end: Date) -> String {
        if CivilTime.sameDay(start, end, in: timeZone) {
            return day(start) + "، ".ifArabic(language, else: ", ") + time(start) + "–" + time(end)
        }
        return day(start) + " – " + day(end)
    }

    public func shortPeriod(_ start: Date, _ end: Date) -> String {
        if CivilTime.sameDay(start, end, in: timeZone) { return shortDay(start) }
        return shortDay(start) + " – " + shortDay(end)
    }

    public func number(_ value: Int) -> String {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}

extension String {
    fileprivate func ifArabic(_ language: Language, else other: String) -> String {
        language == .ar ? self : other
    }
}
