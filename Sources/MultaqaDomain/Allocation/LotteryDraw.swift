import Crypto
import Foundation

/// The order of a lottery: attendees sorted by the SHA-256 of "SEED:REGISTRATION-ID" (the id in
/// lower case), smallest first. Anyone can replay it with the published seed and a shell:
/// `printf '%s' "$SEED:$ID" | sha256sum`.
public struct LotteryDraw: Sendable {
    public let seed: String

    public init(seed: String) {
        self.seed = seed
    }

    /// A new seed: 128 random bits in hex.
    public static func newSeed() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
    }

    /// The ticket in hex, as `sha256sum` prints it.
    public func ticket(for attendee: UUID) -> String {
        digest(attendee).hexadecimal
    }

    private func digest(_ attendee: UUID) -> [UInt8] {
        Array(SHA256.hash(data: Data("\(seed):\(attendee.idText)".utf8)))
    }

    /// Indices into `attendees`, in the order of the draw. The digests' bytes compare in the
    /// order of their hex text.
    public func order(of attendees: [UUID]) -> [Int] {
        let tickets = attendees.map(digest)
        return attendees.indices.sorted { left, right in
            tickets[left] == tickets[right] ? left < right : tickets[left].lexicographicallyPrecedes(tickets[right])
        }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
