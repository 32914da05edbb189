import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A small JSON client over the test app, so scenario tests read like the requests organisers send.
public struct TestAPI: Sendable {
    public struct Reply: @unchecked Sendable {
        public let status: HTTPResponse.Status
        public let headers: HTTPFields
        public let body: String
        /// The body as bytes, for files.
        public var bytes: [UInt8] = []
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
        public var id: String { json["id"] as? String ?? "" }
        public var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    }

    public let client: any TestClientProtocol
    public let token: String?

    public init(client: any TestClientProtocol, token: String?) {
        self.client = client
        self.token = token
    }

    public func anonymous() -> TestAPI { TestAPI(client: client, token: nil) }

    @discardableResult
    public func request(
        _ method: HTTPRequest.Method, _ uri: String, _ json: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
        ) { response in
            Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }

    /// A request with a body that is not JSON (a CSV upload).
    @discardableResult
    public func request(
        _ method: HTTPRequest.Method, _ uri: String, headers extra: HTTPFields, body: String
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body)) { response in
            Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }

    /// A request whose body is bytes (a file upload, a multipart form); the reply keeps its bytes.
    @discardableResult
    public func request(
        _ method: HTTPRequest.Method, _ uri: String, headers extra: HTTPFields, bytes: [UInt8]?
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: bytes.map { ByteBuffer(bytes: $0) }
        ) { response in
            var reply = Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
            reply.bytes = Array(response.body.readableBytesView)
            return reply
        }
    }

    @discardableResult
    public func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Reply {
        try await request(.get, uri, headers: headers)
    }

    @discardableResult
    public func post(_ uri: String, _ json: String) async throws -> Reply {
        try await request(.post, uri, json)
    }

    @discardableResult
    public func put(_ uri: String, _ json: String) async throws -> Reply {
        try await request(.put, uri, json)
    }

    @discardableResult
    public func patch(_ uri: String, _ json: String, ifMatch: String? = nil) async throws -> Reply {
        try await request(.patch, uri, json, headers: ifMatch.map { [.ifMatch: $0] } ?? [:])
    }

    @discardableResult
    public func delete(_ uri: String) async throws -> Reply {
        try await request(.delete, uri)
    }
}
