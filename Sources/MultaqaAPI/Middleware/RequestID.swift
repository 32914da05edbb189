import Synchronization

/// Ids for requests that came without a usable `X-Request-Id`: UUID-shaped, lowercase, unique
/// within the process (a counter) and across instances (a random start per process), and made
/// without a system call. `UUID()` opened and read /dev/urandom on every request, and an id that
/// only tells log lines apart needs no fresh secret randomness.
enum RequestID {
    private static let state: Atomic<UInt64> = {
        var generator = SystemRandomNumberGenerator()
        return Atomic(generator.next())
    }()
    private static let salt: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()

    static func next() -> String {
        // SplitMix64 over a shared counter: distinct counters give distinct, well-mixed words.
        let counter = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        let high = mix(counter)
        let low = mix(counter ^ salt)
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        for (index, word) in [high, low].enumerated() {
            for nibble in 0..<16 {
                let position = index * 16 + nibble
                if position == 8 || position == 12 || position == 16 || position == 20 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(digits[Int((word >> UInt64(60 - nibble * 4)) & 0xF)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
