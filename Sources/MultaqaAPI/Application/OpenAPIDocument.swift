import Hummingbird

/// The contract, served as written: the same bytes the server code was generated from.
enum OpenAPIDocument {
    static let bytes: [UInt8] = PackageResources.openapi_yaml

    static func response() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/yaml; charset=utf-8", .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
