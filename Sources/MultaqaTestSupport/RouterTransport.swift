import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MultaqaAPI
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
        // The fields go out raw, as a person's client sends them (see `HeaderPercentDecoding`).
        var headers = HeaderPercentDecoding.decoded(request.headerFields)
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
}
