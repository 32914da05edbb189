import HTTPTypes
import Hummingbird
import MultaqaDomain

/// The language a page is shown in: the switch's choice (`?lang=`, then remembered in a cookie),
/// else the cookie, else the browser's `Accept-Language`, else the event's first language.
struct PageLanguage {
    static let cookie = "mlq_lang"

    let language: Language
    /// The switch was used: the answer remembers the choice.
    let chosen: Bool
    /// The browser said which language it wants (a valid cookie, or one of ours in
    /// `Accept-Language`): the event's languages are not needed to choose.
    let fromBrowser: Bool

    init(request: Request, eventLanguages: [String]) {
        if let query = request.uri.queryParameters.get("lang"), let language = Language(rawValue: query) {
            self.language = language
            self.chosen = true
            self.fromBrowser = true
            return
        }
        chosen = false
        if let value = request.cookies[Self.cookie]?.value, let language = Language(rawValue: value) {
            self.language = language
            self.fromBrowser = true
        } else if let language = Self.accepted(request.headers[.acceptLanguage]) {
            self.language = language
            self.fromBrowser = true
        } else {
            self.language = Language.defaultFor(eventLanguages: eventLanguages.isEmpty ? ["ar"] : eventLanguages)
            self.fromBrowser = false
        }
    }

    /// The first of ours among the browser's languages, by their weights (`ar-MA;q=0.9`).
    static func accepted(_ header: String?) -> Language? {
        guard let header else { return nil }
        var best: (language: Language, weight: Double)?
        for (position, part) in header.split(separator: ",").prefix(20).enumerated() {
            let pieces = part.split(separator: ";")
            let tag = pieces.first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            var weight = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix("q="), let value = Double(pair.dropFirst(2)) { weight = value }
            }
            // Earlier entries win ties, as the browser listed them.
            let adjusted = weight - Double(position) * 1e-6
            if let language = Language(rawValue: primary), weight > 0, adjusted > (best?.weight ?? -1) {
                best = (language, adjusted)
            }
        }
        return best?.language
    }

    /// The cookie that remembers the switch's choice for a year.
    var rememberCookie: Cookie? {
        guard chosen else { return nil }
        return Cookie(
            name: Self.cookie, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", secure: false, httpOnly: true,
            sameSite: .lax)
    }
}
