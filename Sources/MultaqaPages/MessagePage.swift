import MultaqaDomain

/// A page that says one thing: not found, refused, too many requests, a link to open from the
/// mail, a link sent again.
public struct MessagePage: Sendable {
    public var heading: String
    public var text: String
    public var path: String
    public var back: (href: String, label: String)?

    public init(
        heading: String, text: String, path: String, resend: (action: String, csrf: String)? = nil,
        back: (href: String, label: String)? = nil
    ) {
        self.heading = heading
        self.text = text
        self.path = path
        self.back = back
    }

    public func render(language: Language) -> String {
        let context = present([
            "heading": heading, "text": text, "back": back?.href, "backLabel": back?.label,
        ])
        return PageRenderer.render("message", context, shell: PageShell(language: language, title: heading, path: path))
    }
}
