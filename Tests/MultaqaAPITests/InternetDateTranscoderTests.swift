import Foundation
import OpenAPIRuntime
import Testing

@testable import MultaqaAPI

/// The answers' dates are written by arithmetic instead of the runtime's locked ICU formatter:
/// byte for byte what that formatter writes, for every kind of date.
@Suite("Dates in answers")
struct InternetDateTranscoderTests {
    @Test("every date is written as the runtime's ISO 8601 transcoder writes it, and read back by it")
    func sameAsTheRuntime() throws {
        let runtime = ISO8601DateTranscoder()
        let ours = InternetDateTranscoder()
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: -0.5),
            Date(timeIntervalSince1970: 0.999), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399.75),  // 2100-02-28T23:59:59.75
            Date(timeIntervalSince1970: -2_208_988_800),  // 1900-01-01
        ]
        // 1900 to 2200, with fractions of seconds.
        for _ in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...7_258_118_400, using: &generator)))
        }
        for date in dates {
            let written = try ours.encode(date)
            #expect(written == (try runtime.encode(date)), "\(date.timeIntervalSince1970)")
            #expect(try ours.decode(written) == (try runtime.decode(written)))
        }
    }
}
