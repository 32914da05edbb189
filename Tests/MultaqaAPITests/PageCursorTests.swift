import Foundation
import MultaqaDomain
import Testing

@testable import MultaqaAPI

/// Page cursors (the last id of a page) and page sizes. No database.
@Suite("Page cursor")
struct PageCursorTests {
    static let badCursor = DomainError.invalid("cursor", "is not a cursor this API returned")
    static let badLimit = DomainError.invalid("limit", "must be between 1 and 200")

    @Test("the cursor is the last id, in either case; none means the first page")
    func decode() throws {
        let id = UUID()
        #expect(try PageCursor.decode(nil) == nil)
        #expect(try PageCursor.decode(id.uuidString) == id)
        #expect(try PageCursor.decode(id.uuidString.lowercased()) == id)
    }

    @Test("a cursor that is not an id is refused", arguments: ["", "abc", "1700000000000000_x", "' OR 1=1 --"])
    func refused(_ cursor: String) {
        #expect(throws: Self.badCursor) { try PageCursor.decode(cursor) }
    }

    @Test("pages hold 50 unless asked, from 1 to 200")
    func limit() throws {
        #expect(try PageCursor.limit(nil) == 50)
        #expect(try PageCursor.limit(1) == 1)
        #expect(try PageCursor.limit(200) == 200)
        for wrong in [0, -1, 201, Int.max] {
            #expect(throws: Self.badLimit) { try PageCursor.limit(wrong) }
        }
    }
}
