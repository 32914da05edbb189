import Crypto
import Foundation

/// The secret an attendee manages a registration with: shown once, stored as SHA-256 only.
public enum ManageToken {
    static let prefix = "reg_"
    static let secretLength = 40

    /// 40 characters of a 64-letter alphabet (240 bits), from four 64-bit draws: one random
    /// call per character cost a system call each, on the busiest path of the service.
    public static func generate() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".utf8)
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(prefix.utf8.count + secretLength)
        bytes.append(contentsOf: prefix.utf8)
        var bits: UInt64 = 0
        var available = 0
        for _ in 0..<secretLength {
            if available < 6 {
                bits = generator.next()
                available = 64
            }
            bytes.append(alphabet[Int(bits & 63)])
            bits >>= 6
            available -= 6
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func isWellFormed(_ token: String) -> Bool {
        token.hasPrefix(prefix) && token.utf8.count == prefix.utf8.count + secretLength
    }

    static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }
}
