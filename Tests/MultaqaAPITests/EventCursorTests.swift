import Foundation
import MultaqaDomain
import Testing

@testable import MultaqaAPI

/// Event page cursors: the start, to the microsecond, and the id. No database.
@Suite("Event cursor")
struct EventCursorTests {
    static let badCursor = DomainError.invalid("cursor", "is not a cursor this API returned")

    static func event(startingAt date: Date) -> Event {
        Event(
            slug: "forum-saidia", kind: .forum, format: .inPerson, title: .init(), timezone: "Africa/Casablanca",
            startsAt: date, endsAt: date.addingTimeInterval(3600))
    }

    @Test(
        "a cursor reads back as the event's start and id, also before 1970",
        arguments: [1_700_000_000.123456, 0, -86_400.5, 4_102_444_800])
    func roundTrip(_ seconds: Double) throws {
        let event = Self.event(startingAt: Date(timeIntervalSince1970: seconds))
        let cursor = EventCursor.encode(event)
        let decoded = try #require(try EventCursor.decode(cursor))
        #expect(decoded.1 == event.id)
        #expect(abs(decoded.0.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test("the cursor is the start in microseconds and the lower-case id")
    func format() {
        let event = Self.event(startingAt: Date(timeIntervalSince1970: 1_700_000_000.5))
        #expect(EventCursor.encode(event) == "1700000000500000_\(event.id.uuidString.lowercased())")
    }

    @Test("no cursor is the first page")
    func none() throws {
        #expect(try EventCursor.decode(nil) == nil)
    }

    @Test(
        "a cursor this API did not write is refused",
        arguments: [
            "", "abc", "1700000000000000", "x_6f1c2b6e-8a3d-4f55-9d7e-0c1d2e3f4a5b", "1700000000000000_not-an-id",
            "1_6f1c2b6e-8a3d-4f55-9d7e-0c1d2e3f4a5b_2", "6f1c2b6e-8a3d-4f55-9d7e-0c1d2e3f4a5b",
        ])
    func refused(_ cursor: String) {
        #expect(throws: Self.badCursor) { try EventCursor.decode(cursor) }
    }
}
