import HTTPTypes
@_spi(Generated) import OpenAPIRuntime

/// Response headers leave exactly as the handlers set them in the generated outputs.
///
/// The generated serializer writes every response header the contract declares with `schema:` by
/// calling `converter.setHeaderFieldAsURI(in:name:value:)`. swift-openapi-runtime (1.13) answers
/// that through its URI encoder, which percent-encodes all but letters, digits and `-._~`: the
/// ETag `"v3"` would leave as `%22v3%22`, the Location `/v1/events/…` as `%2Fv1%2Fevents%2F…`,
/// `public, no-cache` as `public%2C%20no-cache`, and a `filename*=UTF-8''%D9%85…` the handler
/// escaped on purpose would be escaped twice. OpenAPI 3.1.2 (appendix D) says header values are
/// not percent-encoded, and the contract's header schemas describe the values unencoded; the
/// alternatives fail too (a header declared with `content: text/plain` is dropped by the
/// generator; one with `content: application/json` is sent as a JSON string, in quotes).
///
/// This overload is the one exception to "the runtime writes what the generator declares": the
/// generated code lives in this module, and Swift prefers a non-generic member to the runtime's
/// generic one, so every `String` header goes through here, raw. (The only other declared type,
/// `Retry-After`'s integer, has nothing to encode.) It also spares each answer the URI encoder:
/// about 66,000 instructions for one `Location`. `ResponseHeadersTests` shows what the runtime
/// would send and checks on the wire that these values are the ones that leave.
extension Converter {
    func setHeaderFieldAsURI(in headerFields: inout HTTPFields, name: String, value: String?) throws {
        guard let value else { return }
        guard let fieldName = HTTPField.Name(name) else { throw InvalidHeaderName(name: name) }
        headerFields.append(HTTPField(name: fieldName, value: value))
    }

    /// A header name the contract declares that HTTP does not allow: a mistake in `openapi.yaml`.
    struct InvalidHeaderName: Error, CustomStringConvertible {
        let name: String
        var description: String { "the contract declares a response header HTTP does not allow: \(name)" }
    }
}
