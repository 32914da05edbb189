import Foundation
import MultaqaDomain
import Testing

/// Ids written and read by hand agree with Foundation's `uuidString` and `UUID(uuidString:)`,
/// except where `sscanf` takes what is not an id.
@Suite("Ids as text")
struct UUIDIDTextTests {
    static let base = "3F2A0B1C-4D5E-6F70-8192-A3B4C5D6E7F8"

    @Test("written as uuidString.lowercased() writes them, and read back, for 10,000 ids and the extremes")
    func roundTrip() {
        let extremes = [
            UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
        ]
        for id in extremes + (0..<10_000).map({ _ in UUID() }) {
            #expect(id.idText == id.uuidString.lowercased())
            #expect(UUID(idText: id.idText) == id)
            #expect(UUID(idText: id.uuidString) == id)
        }
    }

    @Test("on strings of hexadecimal digits and hyphens: accepted exactly when shaped as an id, then read as Foundation reads it")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABCDEF-")
        var accepted = 0
        for _ in 0..<20_000 {
            var text = Array(Self.base)
            // A few characters changed, removed or added: most cases stay near the id's shape.
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: text[Int.random(in: 0..<text.count, using: &generator)] = alphabet.randomElement(using: &generator)!
                case 1 where !text.isEmpty: text.remove(at: Int.random(in: 0..<text.count, using: &generator))
                default:
                    text.insert(alphabet.randomElement(using: &generator)!, at: Int.random(in: 0...text.count, using: &generator))
                }
            }
            let string = String(text)
            let shaped =
                text.count == 36
                && text.enumerated().allSatisfy { position, character in
                    [8, 13, 18, 23].contains(position) ? character == "-" : character.isHexDigit
                }
            // Foundation reads the id the same whenever the string has an id's shape; it also
            // reads some that have not (`-F` as the byte F1), which are refused.
            #expect((UUID(idText: string) != nil) == shaped, "\(string)")
            if shaped {
                #expect(UUID(idText: string) == UUID(uuidString: string), "\(string)")
                accepted += 1
            }
        }
        #expect(accepted > 1_000)
    }

    @Test("what sscanf takes and is not an id is refused, and so is anything but 36 characters")
    func refusesWhatIsNotAnID() {
        for text in [
            " F2A0B1C-4D5E-6F70-8192-A3B4C5D6E7F8", "+F2A0B1C-4D5E-6F70-8192-A3B4C5D6E7F8",
            "-F2A0B1C-4D5E-6F70-8192-A3B4C5D6E7F8", "3F2A0B1C--D5E-6F70-8192-A3B4C5D6E7F8",
            "3F2A0B1C-4D5E-6F70-8192-0xB4C5D6E7F8", "3F2A0B1C-4D5E-6F70-8192- 3B4C5D6E7F8",
        ] {
            #expect(UUID(uuidString: text) != nil, "Foundation takes \(text)")
            #expect(UUID(idText: text) == nil, "\(text)")
        }
        for text in [
            "", Self.base + " ", Self.base + "0", String(Self.base.dropLast()), Self.base.replacingOccurrences(of: "-", with: ""),
            "{" + Self.base + "}", "3F2A0B1C-4D5E-6F70-8192-A3B4C5D6E7F８", "3F2A0B1C-4D5E-6F70-8192-A3B4C5D6E7FG",
        ] {
            #expect(UUID(idText: text) == nil, "\(text)")
        }
        #expect(UUID(idText: Self.base[...]) == UUID(uuidString: Self.base))
    }
}
