/// Bytes as lowercase hexadecimal, two digits each: how digests are shown (checksums in
/// manifests, lottery tickets, the inputs' hash, webhook signatures), so that they compare
/// with `sha256sum`'s output.
extension Sequence where Element == UInt8 {
    // Inlinable, so that each caller gets it specialised for its own sequence: called through the
    // generic `Sequence` of another module, six bytes cost some 13,000 instructions.
    @inlinable
    public var hexadecimal: String {
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(UInt8.hexadecimalDigit(byte >> 4))
            text.append(UInt8.hexadecimalDigit(byte & 0x0F))
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// One hexadecimal digit each way, as octets of ASCII text (ids, digests, percent-escapes).
extension UInt8 {
    /// The lowercase digit of `value`, which is below 16.
    @inlinable
    public static func hexadecimalDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// The value of this octet read as a hexadecimal digit, in either case; nil for any other.
    @inlinable
    public var hexadecimalValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
