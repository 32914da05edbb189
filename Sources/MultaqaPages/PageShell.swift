import Foundation
import MultaqaDomain

/// What every page shares: its language and direction, its title, and the language switch, whose
/// links lead to the same page in another language.
public struct PageShell: Sendable {
    public var language: Language
    public var title: String
    /// The page's path, for the switch's links (`?lang=` is added).
    public var path: String

    public init(language: Language, title: String, path: String) {
        self.language = language
        self.title = title
        self.path = path
    }

    func context() -> [String: Any] {
        [
            "lang": language.rawValue, "dir": language.isRightToLeft ? "rtl" : "ltr", "title": title,
            "assetVersion": PageAssets.version, "t": PageLabels(language).all,
            "switch": Language.allCases.map { other -> [String: Any] in
                [
                    "code": other.rawValue, "dir": other.isRightToLeft ? "rtl" : "ltr",
                    "name": PageLabels.languageNames[other] ?? other.rawValue,
                    "href": path + "?lang=" + other.rawValue, "current": other == language,
                ]
            },
        ]
    }
}
