import Foundation
import Synchronization

/// Date formatters kept once made: making one (ICU opening its patterns for a locale) costs
/// far more than formatting a date, and every mail and page formats a few. Foundation's
/// `DateFormatter` is `Sendable` and locks inside, so one instance serves every task.
public enum DateFormatters {
    private struct Key: Hashable {
        var locale: String
        var timeZone: String
        var pattern: String
        var isTemplate: Bool
    }

    /// Few keys exist (three languages, the events' time zones, a handful of patterns); the bound
    /// only guards against an unforeseen many.
    private static let limit = 512
    private static let made = Mutex<[Key: DateFormatter]>([:])

    /// A formatter for a localized template such as `EEEEdMMMMy`, the locale choosing the order.
    public static func localized(template: String, locale: Locale, timeZone: TimeZone) -> DateFormatter {
        formatter(Key(locale: locale.identifier, timeZone: timeZone.identifier, pattern: template, isTemplate: true)) {
            let formatter = DateFormatter()
            formatter.locale = locale
            formatter.timeZone = timeZone
            formatter.setLocalizedDateFormatFromTemplate(template)
            return formatter
        }
    }

    /// A formatter for a fixed pattern such as `HH:mm`.
    public static func fixed(format: String, locale: Locale, timeZone: TimeZone) -> DateFormatter {
        formatter(Key(locale: locale.identifier, timeZone: timeZone.identifier, pattern: format, isTemplate: false)) {
            let formatter = DateFormatter()
            formatter.locale = locale
            formatter.timeZone = timeZone
            formatter.dateFormat = format
            return formatter
        }
    }

    private static func formatter(_ key: Key, make: () -> DateFormatter) -> DateFormatter {
        if let known = made.withLock({ $0[key] }) { return known }
        let formatter = make()
        made.withLock { made in
            if made.count >= limit { made.removeAll() }
            made[key] = formatter
        }
        return formatter
    }
}
