import Foundation
import OpenAPIRuntime

/// Dates in the contract's JSON, written as RFC 3339 UTC timestamps to the second
/// (`2026-05-14T09:30:00Z`), exactly as the runtime's `ISO8601DateTranscoder` writes them, but by
/// arithmetic: that transcoder formats through one ICU formatter behind a lock, which a busy
/// instance pays for every date of every answer (a registration's answer holds three). Reading
/// dates stays with the runtime's parser, which defines what the API accepts.
struct InternetDateTranscoder: DateTranscoder {
    private let parser = ISO8601DateTranscoder()

    func encode(_ date: Date) throws -> String {
        Self.format(date)
    }

    func decode(_ text: String) throws -> Date {
        try parser.decode(text)
    }

    static func format(_ date: Date) -> String {
        // As the formatter does: to the nearest millisecond, then whole seconds rounded down
        // (also before 1970).
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = Int64((milliseconds / 1000).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(daysSince1970: days)
        var bytes = [UInt8]()
        bytes.reserveCapacity(20)
        append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(Int64(month), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(Int64(day), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        append(Int64(secondOfDay / 3600), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(Int64(secondOfDay / 60 % 60), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(Int64(secondOfDay % 60), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (the "days from civil"
    /// algorithm run backwards, in 400-year eras).
    private static func civil(daysSince1970: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = daysSince1970 + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func append(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
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
