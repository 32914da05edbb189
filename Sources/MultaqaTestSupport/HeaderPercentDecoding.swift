import Foundation
import HTTPTypes
import MultaqaDomain

/// Undoes what swift-openapi-runtime's URI encoder does to the header values of the generated
/// *client* (the tests' requests): it percent-encodes all but letters, digits and `-._~`, so an
/// If-Match `"v3"` would leave as `%22v3%22`. A person's client sends the value raw, and
/// middleware that reads raw headers (Idempotency-Key) must see what it would see. The server's
/// own answers need none of this: `Converter+HeaderValues.swift` writes them raw.
///
/// Decoding is exact: the encoder escapes `%` itself, so decoding gives back the value the test
/// set, byte for byte.
public enum HeaderPercentDecoding {
    /// Every field that holds a `%` decoded, in place; `Content-Type`, which the runtime writes
    /// raw, left alone.
    public static func decoded(_ fields: HTTPFields) -> HTTPFields {
        var decoded = fields
        for index in decoded.indices {
            let field = decoded[index]
            guard field.name != .contentType, let value = percentDecoded(field.value) else { continue }
            decoded[index] = HTTPField(name: field.name, value: value)
        }
        return decoded
    }

    /// `text` with its `%XX` escapes decoded; nil when it has none, when an escape is malformed
    /// or when the bytes are not UTF-8 (as Foundation's `removingPercentEncoding` refuses them).
    public static func percentDecoded(_ text: String) -> String? {
        let source = text.utf8
        guard source.contains(UInt8(ascii: "%")) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var iterator = source.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next()?.hexadecimalValue, let low = iterator.next()?.hexadecimalValue else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
