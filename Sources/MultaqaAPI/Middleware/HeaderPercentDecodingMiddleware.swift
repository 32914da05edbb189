import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sends the response headers the handlers set in the generated outputs exactly as they set them.
///
/// swift-openapi-runtime (1.13) writes every response header declared with `schema:` through its
/// URI encoder, which percent-encodes all but letters, digits and `-._~`: the ETag `"v3"` would
/// leave as `%22v3%22`, the Location `/v1/events/…` as `%2Fv1%2Fevents%2F…`, `public, no-cache`
/// as `public%2C%20no-cache`. OpenAPI 3.1.2 (appendix D) says header values are not
/// percent-encoded, and the contract's header schemas describe the values unencoded. The
/// alternatives do not work either: a header declared with `content: text/plain` is dropped by the
/// generator, and one with `content: application/json` is sent as a JSON string, in quotes.
///
/// So this middleware, which runs around every generated operation and nothing else, decodes what
/// the runtime encoded. That is exact: the encoder escapes `%` itself, so decoding gives back the
/// handler's value byte for byte, including a `filename*=UTF-8''%D9%85…` the handler escaped on
/// purpose. `Content-Type` is the one field the runtime writes raw, and is left alone. Once the
/// runtime stops encoding header values, this middleware goes.
package struct HeaderPercentDecodingMiddleware: ServerMiddleware {
    package init() {}

    package func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        response.headerFields = Self.decoded(response.headerFields)
        return (response, responseBody)
    }

    package static func decoded(_ fields: HTTPFields) -> HTTPFields {
        // Changed in place, and only the fields that hold a `%`: most answers carry one or two.
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
    static func percentDecoded(_ text: String) -> String? {
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
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
