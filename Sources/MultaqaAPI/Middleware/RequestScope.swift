import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// swift-openapi-hummingbird does not hand the request context to the generated handlers, so a
/// middleware publishes it for the duration of the request (as Hummingbird's template does).
struct RequestScope: Sendable {
    var context: AppRequestContext
    /// The request's bearer credential, for the handlers that need a principal.
    var credential: Credential
    /// The `Content-Type` of a raw upload, which the generated handler does not pass on (issue 7).
    var contentType: String?
    /// Headers a handler adds to its response. The generated serializer percent-encodes header
    /// values (`"v1"` became `%22v1%22`, `/v1/…` became `%2Fv1%2F…`), which breaks ETag and
    /// Location, so these are set here and merged by the middleware instead.
    let responseHeaders = ResponseHeaders()

    @TaskLocal static var current: RequestScope?

    static func setResponseHeader(_ name: HTTPField.Name, _ value: String) {
        current?.responseHeaders.fields.withLock { $0[name] = value }
    }
}

final class ResponseHeaders: Sendable {
    let fields = Mutex<HTTPFields>([:])
}
