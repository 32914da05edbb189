import Foundation

/// The code that opens a check-in kiosk: sixteen characters of the check-in codes' alphabet (80
/// bits, not to be guessed), typed once by the staff at the door, shown in four groups of four.
public enum KioskCode {
    public static let length = 16

    /// Five bits per character, from random bytes the caller draws (`fill`).
    public static func generate(fill: (inout [UInt8]) -> Void) -> String {
        var random = [UInt8](repeating: 0, count: length)
        fill(&random)
        return String(random.map { CheckInCode.alphabet[Int($0 & 31)] })
    }

    /// What the staff typed ("abcd-efgh-…", with spaces) in stored form, or nil.
    public static func normalised(_ text: String) -> String? {
        let compact = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard compact.count == length, compact.allSatisfy(CheckInCode.alphabet.contains) else { return nil }
        return compact
    }

    public static func display(_ code: String) -> String {
        stride(from: 0, to: code.count, by: 4).map { start in
            String(code.dropFirst(start).prefix(4))
        }.joined(separator: "-")
    }
}
