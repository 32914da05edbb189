import Foundation
import Testing

@testable import MultaqaAPI

@Suite("Request ids")
struct RequestIDTests {
    @Test("generated ids are UUID-shaped, lowercase and never repeat")
    func shapeAndUniqueness() {
        let ids = (0..<20_000).map { _ in RequestID.next() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(500) {
            #expect(UUID(uuidString: id) != nil, "\(id)")
            #expect(id == id.lowercased() && id.utf8.count == 36)
        }
    }
}
