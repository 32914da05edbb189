import Foundation
import MultaqaDomain

/// The staff's page at the door: first the kiosk code, then one field that a handheld scanner
/// types into (the check-in code and Enter), with the last scan's answer large and in colour.
public struct CheckInPage: Sendable {
    public struct Place: Sendable, Equatable {
        public var id: UUID
        public var title: String

        public init(id: UUID, title: String) {
            self.id = id
            self.title = title
        }
    }

    public enum Stage: Sendable, Equatable {
        /// Asking for the kiosk code; `refused` after a code that opens nothing.
        case unlock(refused: Bool)
        /// Scanning for `day`, at the entrance or in one of `places` (that day's sessions).
        case scan(kiosk: String, day: String, places: [Place], chosen: UUID?, last: ScanOutcome?, sessionChosen: Bool)
    }

    public var eventTitle: String
    public var slug: String
    public var csrf: String
    public var stage: Stage

    public init(eventTitle: String, slug: String, csrf: String, stage: Stage) {
        self.eventTitle = eventTitle
        self.slug = slug
        self.csrf = csrf
        self.stage = stage
    }

    /// What the kiosk says after a scan, and its colour: ok (green), warn (amber), bad (red).
    public static func message(_ outcome: ScanOutcome, session: Bool, labels: PageLabels) -> (text: String, tone: String) {
        // A name is isolated (FSI … PDI): a Latin name in an Arabic sentence, or an Arabic one in
        // a French sentence, keeps its own direction without moving the words around it.
        let name: (String?) -> String? = { $0.map { "\u{2068}\($0)\u{2069}" } }
        switch outcome {
        case .welcome(let person):
            return (
                name(person).map { labels["checkin.welcome"].replacingOccurrences(of: "{name}", with: $0) }
                    ?? labels["checkin.welcomeAnonymous"], "ok"
            )
        case .alreadyCheckedIn(let person):
            let text = labels[session ? "checkin.alreadySession" : "checkin.already"]
            return (text.replacingOccurrences(of: "{name}", with: name(person) ?? "—"), "warn")
        case .unknownCode: return (labels["checkin.unknown"], "bad")
        case .notConfirmed(let status): return (labels["checkin.notConfirmed." + status.rawValue], "bad")
        case .wrongDay(let day): return (labels["checkin.wrongDay"].replacingOccurrences(of: "{day}", with: day), "bad")
        case .wrongSession: return (labels["checkin.wrongSession"], "bad")
        }
    }

    public func render(language: Language) -> String {
        let labels = PageLabels(language)
        let path = "/checkin/\(slug)"
        var values: [String: Any?] = ["eventTitle": eventTitle, "action": path, "csrf": csrf]
        switch stage {
        case .unlock(let refused):
            values["unlock"] = true
            values["refused"] = refused ? labels["checkin.badCode"] : nil
        case .scan(let kiosk, let day, let places, let chosen, let last, let sessionChosen):
            values["scan"] = true
            values["kiosk"] = kiosk
            values["day"] = day
            values["places"] = places.map { place -> [String: Any] in
                ["id": place.id.idText, "title": place.title, "selected": place.id == chosen]
            }
            if let last {
                let (text, tone) = Self.message(last, session: sessionChosen, labels: labels)
                values["result"] = text
                values["tone"] = tone
            } else {
                values["result"] = labels["checkin.ready"]
                values["tone"] = "idle"
            }
        }
        return PageRenderer.render(
            "checkin", present(values), shell: PageShell(language: language, title: labels["checkin.title"], path: path))
    }
}
