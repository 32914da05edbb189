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
            text.append(Self.hexadecimalDigit(byte >> 4))
            text.append(Self.hexadecimalDigit(byte & 0x0F))
        }
        return String(decoding: text, as: UTF8.self)
    }

    @inlinable
    static func hexadecimalDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
