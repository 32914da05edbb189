import Foundation
import MultaqaDomain
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
        let time = CivilTime(secondsSince1970: Int64((milliseconds / 1000).rounded(.down)))
        var bytes = [UInt8]()
        bytes.reserveCapacity(20)
        CivilTime.append(time.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilTime.append(Int64(time.month), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilTime.append(Int64(time.day), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        CivilTime.append(Int64(time.hour), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilTime.append(Int64(time.minute), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilTime.append(Int64(time.second), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
