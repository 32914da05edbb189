import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The answers of the public pages, with the headers every page carries: no inline script may run
/// (CSP), no address leaves in a Referer (manage links carry a secret), no framing, no sniffing.
enum PageResponse {
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy:
            "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        .xContentTypeOptions: "nosniff",
        HTTPField.Name("X-Frame-Options")!: "DENY",
    ]

    /// Personal or per-browser pages are never stored by a cache.
    static func html(
        _ body: String, status: HTTPResponse.Status = .ok, cookies: [Cookie?] = [], cache: String = "no-store"
    )
        -> Response
    {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = cache
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        for cookie in cookies.compactMap({ $0 }) { response.setCookie(cookie) }
        return response
    }

    /// 303 See Other: after a form, the browser loads the next page with GET, so that reloading it
    /// never sends the form again.
    static func redirect(_ location: String, cookies: [Cookie?] = []) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        var response = Response(status: .seeOther, headers: headers)
        for cookie in cookies.compactMap({ $0 }) { response.setCookie(cookie) }
        return response
    }
}
