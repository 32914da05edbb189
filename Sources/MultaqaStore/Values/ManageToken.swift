import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The secret an attendee manages a registration with: shown once, stored as SHA-256 only.
public enum ManageToken {
    static let prefix = "reg_"
    static let secretLength = 40

    /// 40 characters of a 64-letter alphabet (240 bits), from 30 random bytes drawn at once: the
    /// standard generator's 64-bit draws cost a system call each, on the busiest path of the
    /// service.
    public static func generate() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".utf8)
        var random = [UInt8](repeating: 0, count: secretLength * 6 / 8)
        fillRandom(&random)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(prefix.utf8.count + secretLength)
        bytes.append(contentsOf: prefix.utf8)
        // Three bytes make four characters of six bits.
        for group in stride(from: 0, to: random.count, by: 3) {
            let bits = UInt32(random[group]) << 16 | UInt32(random[group + 1]) << 8 | UInt32(random[group + 2])
            for shift in [18, 12, 6, 0] {
                bytes.append(alphabet[Int((bits >> UInt32(shift)) & 63)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The kernel's random bytes, all in one call (glibc's arc4random_buf is one getrandom):
    /// BoringSSL's generator, through swift-crypto, made six calls for the same 30 bytes.
    public static func fillRandom(_ buffer: inout [UInt8]) {
        #if canImport(Glibc)
        buffer.withUnsafeMutableBytes { bytes in
            if let base = bytes.baseAddress { arc4random_buf(base, bytes.count) }
        }
        #else
        var generator = SystemRandomNumberGenerator()
        for index in buffer.indices { buffer[index] = generator.next() }
        #endif
    }

    public static func isWellFormed(_ token: String) -> Bool {
        token.hasPrefix(prefix) && token.utf8.count == prefix.utf8.count + secretLength
    }

    static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }
}
