import Foundation
import MultaqaDomain

/// The page a certificate's code leads to (`/c/{code}`): whether it is genuine and valid, the
/// minimum that checks it (the holder, the meeting, its dates, the days attended), and for a valid
/// one the PDF in each language or in two side by side.
public struct CertificatePage: Sendable {
    public enum Verdict: Sendable, Equatable {
        case valid, revoked, withdrawn, unknown
    }

    public var verdict: Verdict
    /// As shown, in groups of four; the address keeps it compact.
    public var code: String
    public var name: String?
    public var eventTitle: String?
    public var period: String?
    public var days: [String]

    public init(verdict: Verdict, code: String, name: String?, eventTitle: String?, period: String?, days: [String]) {
        self.verdict = verdict
        self.code = code
        self.name = name
        self.eventTitle = eventTitle
        self.period = period
        self.days = days
    }

    public func render(language: Language) -> String {
        let labels = PageLabels(language)
        let compact = code.replacingOccurrences(of: "-", with: "")
        let path = "/c/" + compact
        let (verdict, tone): (String, String) =
            switch self.verdict {
            case .valid: (labels["certificate.valid"], "ok")
            case .revoked: (labels["certificate.revoked"], "bad")
            case .withdrawn: (labels["certificate.withdrawn"], "bad")
            case .unknown: (labels["certificate.unknown"], "bad")
            }
        let valid = self.verdict == .valid
        var choices: [(code: String, label: String)] = [("ar%2Bfr", labels["certificate.both"])]
        for language in [Language.ar, .fr, .en] {
            choices.append((language.rawValue, PageLabels.languageNames[language] ?? language.rawValue))
        }
        let downloads: [[String: String]] = choices.map { choice in
            ["href": path + "/certificate.pdf?lang=" + choice.code, "label": choice.label]
        }
        let values: [String: Any?] = [
            "verdict": verdict, "tone": tone, "valid": valid ? true : nil, "code": code,
            "name": valid ? name : nil, "eventTitle": eventTitle, "period": period,
            "days": valid && !days.isEmpty ? days.joined(separator: " · ") : nil,
            "downloads": valid ? downloads : nil,
        ]
        return PageRenderer.render(
            "certificate", present(values),
            shell: PageShell(language: language, title: labels["certificate.title"], path: path))
    }
}
