import MultaqaDomain
import Testing

@testable import MultaqaAPI

/// The ETags the API sends and the `If-Match` values it accepts back. No database.
@Suite("ETag")
struct ETagTests {
    static let stale = DomainError.staleVersion(detail: "If-Match must be an ETag this API sent, such as \"v3\"")

    @Test("an ETag is the row version, strong and quoted, and reads back as that version")
    func roundTrip() throws {
        #expect(ETag.make(3) == #""v3""#)
        for version in [1, 2, 17, 1_000_000] {
            #expect(try ETag.version(from: ETag.make(version)) == version)
        }
    }

    @Test("no If-Match, or *, means any version")
    func any() throws {
        #expect(try ETag.version(from: nil) == nil)
        #expect(try ETag.version(from: "*") == nil)
    }

    @Test("spaces around the value are allowed")
    func spaces() throws {
        #expect(try ETag.version(from: #"  "v12" "#) == 12)
    }

    @Test(
        "anything but an ETag this API sent is refused as a stale version",
        arguments: ["", "v3", #""3""#, #"W/"v3""#, #""vx""#, #""v3"#, #"v3""#, #""v""#, #""v3", "v4""#])
    func refused(_ value: String) {
        #expect(throws: Self.stale) { try ETag.version(from: value) }
    }
}
