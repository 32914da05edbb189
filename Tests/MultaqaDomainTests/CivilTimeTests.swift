import Foundation
import MultaqaDomain
import Testing

@Suite("Civil time")
struct CivilTimeTests {
    /// Moments from 1900 to 2100, with every second of the day and every day of the week.
    static let moments: [Date] = {
        var generator = SeededGenerator(seed: 20_261_203)
        return (0..<4000).map { _ in
            Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...4_102_444_800, using: &generator))
        }
    }()

    @Test("dates and times in UTC are Calendar's, before 1970 included")
    func utcMatchesCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        for date in Self.moments {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
            let time = CivilTime(date)
            #expect(
                [Int(time.year), time.month, time.day, time.hour, time.minute, time.second, time.weekday]
                    == [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, parts.weekday], "\(date)")
        }
    }

    @Test("the same day on a zone's clocks is Calendar's, around Morocco's Ramadan changes of time too")
    func sameDayMatchesCalendar() throws {
        for identifier in ["Africa/Casablanca", "Europe/Paris", "America/Los_Angeles", "Asia/Kolkata"] {
            let zone = try #require(TimeZone(identifier: identifier))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            // Pairs a few hours apart, where a day boundary or a change of time falls between.
            for date in Self.moments.prefix(1000) {
                for hours in [1.0, 5.0, 11.0, 23.0] {
                    let later = date.addingTimeInterval(hours * 3600)
                    #expect(
                        CivilTime.sameDay(date, later, in: zone) == calendar.isDate(date, inSameDayAs: later),
                        "\(identifier) \(date) +\(hours) h")
                }
            }
        }
    }

    @Test("digits are zero-padded to their width")
    func padding() {
        var bytes: [UInt8] = []
        CivilTime.append(7, width: 2, to: &bytes)
        CivilTime.append(987, width: 4, to: &bytes)
        CivilTime.append(2026, width: 4, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "0709872026")
    }
}
