import MultaqaDomain

/// The step before an action that cannot be undone (cancelling, erasing): the question, one
/// button that does it, one link back.
public struct ConfirmPage: Sendable {
    public var heading: String
    public var question: String
    public var confirmLabel: String
    public var action: String
    public var back: String
    public var csrf: String

    public init(heading: String, question: String, confirmLabel: String, action: String, back: String, csrf: String) {
        self.heading = heading
        self.question = question
        self.confirmLabel = confirmLabel
        self.action = action
        self.back = back
        self.csrf = csrf
    }

    public func render(language: Language) -> String {
        let context: [String: Any] = [
            "heading": heading, "question": question, "confirmLabel": confirmLabel, "action": action, "back": back,
            "csrf": csrf,
        ]
        return PageRenderer.render("confirm", context, shell: PageShell(language: language, title: heading, path: action))
    }
}
