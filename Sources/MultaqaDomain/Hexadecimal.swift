/// Bytes as lowercase hexadecimal, two digits each: how digests are shown (checksums in
/// manifests, lottery tickets, the inputs' hash, webhook signatures), so that they compare
/// with `sha256sum`'s output.
extension Sequence where Element == UInt8 {
    public var hexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
