import Foundation

/// Ids as the API writes and reads them: 36 characters, lowercase hexadecimal in groups of
/// 8-4-4-4-12. Foundation formats `uuidString` through `snprintf`, in upper case, and parses
/// `UUID(uuidString:)` through `sscanf`: some 7,000 instructions an id each way, three ids in
/// each registration's answer. `sscanf` also takes what is not an id: a space or a `+` opening a
/// group, or `0x` inside one, so that ` F2A0B1C-…` read as the different id `F2A0B10C-…`
/// (and `-F` as the byte F1).
extension UUID {
    /// The id in lowercase, as `uuidString.lowercased()` writes it.
    public var idText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var index = 0
                for (position, byte) in bytes.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        text[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    text[index] = UInt8.hexadecimalDigit(byte >> 4)
                    text[index + 1] = UInt8.hexadecimalDigit(byte & 0x0F)
                    index += 2
                }
                return index
            }
        }
    }

    /// An id in either case; nil for anything else, whatever `sscanf` would have made of it.
    public init?(idText text: some StringProtocol) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var high: UInt8?
        var count = 0
        for character in text.utf8 {
            guard count < 36 else { return nil }
            defer { count += 1 }
            if count == 8 || count == 13 || count == 18 || count == 23 {
                guard character == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let value = character.hexadecimalValue else { return nil }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        guard count == 36, bytes.count == 16 else { return nil }
        self.init(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
