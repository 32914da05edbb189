import Hummingbird

/// swift-openapi-hummingbird does not hand the request context to the generated handlers, so a
/// middleware publishes it for the duration of the request (as Hummingbird's template does).
/// Response headers do not travel here: handlers set them in the generated outputs.
struct RequestScope: Sendable {
    var context: AppRequestContext
    /// The request's bearer credential, for the handlers that need a principal.
    var credential: Credential
    /// The `Content-Type` of a raw upload, which the generated handler does not pass on.
    var contentType: String?

    @TaskLocal static var current: RequestScope?
}
