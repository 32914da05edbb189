import Foundation

/// Short codes read aloud at the door or typed at a kiosk: eight characters from an alphabet
/// without 0/O and 1/I, shown as two groups of four.
public enum CheckInCode {
    public static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// Eight letters of 5 bits each from one 64-bit draw.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bits: UInt64 = generator.next()
        var code = ""
        for _ in 0..<8 {
            code.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return code
    }

    /// What a person typed ("abcd-2345", "ABCD 2345") in stored form, or nil if it cannot be one.
    public static func normalised(_ text: String) -> String? {
        SecretCode(length: 8).normalised(text)
    }

    public static func display(_ code: String) -> String {
        guard code.count == 8 else { return code }
        return "\(code.prefix(4))-\(code.suffix(4))"
    }
}
