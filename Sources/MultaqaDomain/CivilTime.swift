import Foundation

/// A moment's date and time of day, in UTC or on a time zone's clocks, found by arithmetic on
/// the proleptic Gregorian calendar: no calendar object and no lock. Answers, mails and calendars
/// write many dates, and a calendar's day arithmetic in a zone with many transitions (Morocco
/// moves its clocks around Ramadan) costs far more than one offset lookup.
public struct CivilTime: Sendable, Equatable {
    public var year: Int64
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// 1 for Sunday through 7 for Saturday, as `Calendar` counts.
    public var weekday: Int

    /// The moment's whole second, rounded down (also before 1970), as `Calendar` does.
    public init(_ date: Date) {
        self.init(secondsSince1970: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The moment on `zone`'s clocks.
    public init(_ date: Date, in zone: TimeZone) {
        self.init(date.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: date))))
    }

    /// Whether two moments fall on the same day on `zone`'s clocks.
    public static func sameDay(_ first: Date, _ second: Date, in zone: TimeZone) -> Bool {
        let one = CivilTime(first, in: zone)
        let other = CivilTime(second, in: zone)
        return (one.year, one.month, one.day) == (other.year, other.month, other.day)
    }

    public init(secondsSince1970 seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        // The "days from civil" algorithm run backwards, in 400-year eras.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        // 1970-01-01 was a Thursday.
        weekday = Int(((days % 7) + 7 + 4) % 7) + 1
    }

    /// `value` in decimal, zero-padded to `width` digits (for values that fit, as `%0Nd` writes them).
    public static func append(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var rest = value
        var index = start + width - 1
        while index >= start {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }
}
