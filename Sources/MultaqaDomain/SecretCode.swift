import Foundation

/// A secret that people type or read: characters of the check-in codes' alphabet (no 0/O, 1/I),
/// five random bits each, shown in groups of four. A kiosk's code has 16 (80 bits), a
/// certificate's 20 (100 bits): neither can be guessed.
public struct SecretCode: Sendable, Equatable {
    public let length: Int

    public static let kiosk = SecretCode(length: 16)
    public static let certificate = SecretCode(length: 20)

    /// Five bits per character, from random bytes the caller draws (`fill`): 256 is a multiple of
    /// 32, so each character is uniform.
    public func generate(fill: (inout [UInt8]) -> Void) -> String {
        var random = [UInt8](repeating: 0, count: length)
        fill(&random)
        return String(random.map { CheckInCode.alphabet[Int($0 & 31)] })
    }

    /// What was typed ("abcd-efgh-…", with spaces) in stored form, or nil.
    public func normalised(_ text: String) -> String? {
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
