import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OpenAPIRuntime

/// Sends the generated client's requests through the test app's client: to the router, without
/// a socket, as `withTestApp` drives the app. A token, when given, goes out as a bearer token on
/// every request, as a client configured with one would send it.
public struct RouterTransport: ClientTransport {
    let client: any TestClientProtocol
    let token: String?

    public init(client: any TestClientProtocol, token: String? = nil) {
        self.client = client
        self.token = token
    }

    public func send(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var headers = Self.unescaped(request.headerFields)
        if let token { headers[.authorization] = "Bearer \(token)" }
        var bytes: ByteBuffer?
        if let body { bytes = ByteBuffer(bytes: try await [UInt8](collecting: body, upTo: 64 << 20)) }
        // The client writes the contract's paths with their query; the server URL is only "/".
        let response = try await client.executeRequest(
            uri: request.path ?? "/", method: request.method, headers: headers, body: bytes)
        return (
            HTTPResponse(status: response.status, headerFields: response.headers),
            HTTPBody(Array(response.body.readableBytesView))
        )
    }

    /// The header fields as a person's client sends them. The runtime percent-encodes every header
    /// parameter's value (an If-Match `"v3"` leaves as `%22v3%22`), which the server's generated
    /// code would decode but the middleware that reads raw headers (Idempotency-Key) would not:
    /// decoding here tests what users send. The encoder escapes `%` itself, so this is exact;
    /// Content-Type and Accept are written raw and hold no `%`.
    static func unescaped(_ fields: HTTPFields) -> HTTPFields {
        var result = fields
        for index in result.indices {
            let field = result[index]
            guard field.name != .contentType, field.value.utf8.contains(UInt8(ascii: "%")),
                let value = field.value.removingPercentEncoding
            else { continue }
            result[index] = HTTPField(name: field.name, value: value)
        }
        return result
    }
}
