import MultaqaDomain

/// A page that says one thing: not found, refused, too many requests, a link to open from the
/// mail (with the form to have it sent again).
public struct MessagePage: Sendable {
    public var heading: String
    public var text: String
    public var path: String
    /// Where the "send my link again" form posts, with its anti-forgery token.
    public var resend: (action: String, csrf: String)?
    public var back: (href: String, label: String)?

    public init(
        heading: String, text: String, path: String, resend: (action: String, csrf: String)? = nil,
        back: (href: String, label: String)? = nil
    ) {
        self.heading = heading
        self.text = text
        self.path = path
        self.resend = resend
        self.back = back
    }

    public func render(language: Language) -> String {
        let context = present([
            "heading": heading, "text": text, "resend": resend != nil,
            "action": resend?.action, "csrf": resend?.csrf, "back": back?.href, "backLabel": back?.label,
        ])
        return PageRenderer.render("message", context, shell: PageShell(language: language, title: heading, path: path))
    }
}
