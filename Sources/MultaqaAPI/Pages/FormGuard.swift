import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MultaqaStore
import Synchronization

/// Forms are protected against cross-site posting twice over: a browser that sends `Origin` (or
/// `Sec-Fetch-Site`) must name this site, and every form carries a token that only this site can
/// make: an HMAC, under a key kept in the database (the same for every instance), of a random
/// value in the browser's own SameSite=Strict cookie and of what the form acts on. Another site
/// can neither read the cookie nor compute the token.
final class FormGuard: Sendable {
    /// `__Host-`: browsers accept it only Secure, for this host alone and path `/`, so that a
    /// neighbouring subdomain cannot plant a value of its choosing.
    static let cookie = "__Host-mlq_csrf"

    private let keys: PageKeyStore
    private let key = Mutex<SymmetricKey?>(nil)
    /// Origins accepted besides the request's own host (the public URL behind a proxy).
    private let publicOrigin: String?

    init(keys: PageKeyStore, publicURL: String?) {
        self.keys = keys
        self.publicOrigin = publicURL.flatMap(Self.origin(of:))
    }

    private func signingKey() async throws -> SymmetricKey {
        if let known = key.withLock({ $0 }) { return known }
        let loaded = SymmetricKey(data: try await keys.secret())
        key.withLock { $0 = loaded }
        return loaded
    }

    /// The browser's anti-forgery cookie value, and the cookie to set when it had none.
    func browserSecret(_ request: Request) -> (value: String, setCookie: Cookie?) {
        if let value = request.cookies[Self.cookie]?.value, value.utf8.count == 43, value.allSatisfy(Self.isTokenCharacter) {
            return (value, nil)
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        ManageToken.fillRandom(&bytes)
        let value = Self.base64URL(Data(bytes))
        return (value, Cookie(name: Self.cookie, value: value, path: "/", secure: true, httpOnly: true, sameSite: .strict))
    }

    /// The token a form for `purpose` carries in this browser.
    func token(purpose: String, browserSecret: String) async throws -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((browserSecret + "|" + purpose).utf8), using: try await signingKey())
        return Self.base64URL(Data(mac))
    }

    enum Refusal: Error {
        case crossSite
        case badToken
    }

    /// Whether a posted form may act: same-site, with the token of this browser for this purpose.
    func check(_ request: Request, form token: String?, purpose: String) async throws {
        // A browser says where a form came from: `Sec-Fetch-Site` (every current browser) must be
        // this origin (or "none", typed by the user), and `Origin` must be ours. Our pages send no
        // referrer, so their own forms arrive with `Origin: null`: that says nothing, and the
        // token decides.
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
            throw Refusal.crossSite
        }
        if let origin = request.headers[.origin], origin != "null" {
            let own = request.head.authority
            let accepted = [own.map { "http://" + $0 }, own.map { "https://" + $0 }, publicOrigin].compactMap { $0 }
            guard accepted.contains(origin.lowercased()) else { throw Refusal.crossSite }
        }
        guard let secret = request.cookies[Self.cookie]?.value, let token else { throw Refusal.badToken }
        let expected = try await self.token(purpose: purpose, browserSecret: secret)
        // Constant time: the comparison must not tell how much of a guess was right.
        guard expected.utf8.count == token.utf8.count,
            zip(expected.utf8, token.utf8).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0
        else {
            throw Refusal.badToken
        }
    }

    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else {
            return nil
        }
        return scheme.lowercased() + "://" + host.lowercased() + (components.port.map { ":\($0)" } ?? "")
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }
}
