import Foundation

/// The day a check-in counts for: a calendar day of the event in its own time zone, so
/// that a forum in Casablanca counts its two days as Casablanca counts them.
public enum CheckInDay {
    /// The day given ("2024-12-10"), or the session's day, or today: refused when the event does
    /// not take place that day.
    public static func resolve(
        _ given: String?, event: Event, sessionStart: Date?, now: Date = Date()
    ) throws(DomainError) -> String {
        let calendar = Program.calendar(event.timezone)
        let first = Program.day(event.startsAt, calendar)
        let last = Program.day(event.endsAt.addingTimeInterval(-1), calendar)
        let day: String
        if let given {
            guard isDay(given) else { throw .invalid("day", "must be a date such as 2024-12-10") }
            day = given
        } else {
            day = Program.day(sessionStart ?? now, calendar)
        }
        guard day >= first && day <= last else {
            throw .invalid("day", "must be a day of the event, from \(first) to \(last) (\(event.timezone))")
        }
        return day
    }

    /// Noon of a day (YYYY-MM-DD) in the event's time zone: a moment that names that calendar day
    /// in every language and time zone a page or certificate writes it in.
    public static func noon(of day: String, timezone: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Program.calendar(timezone).date(
            from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
    }

    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let dayOfMonth = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(dayOfMonth)
    }
}
