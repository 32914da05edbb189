import Foundation
import MultaqaDomain

/// `/`: the public meetings, upcoming first, or a short page saying what the service is.
public struct HomePage: Sendable {
    public var events: [Event]
    public var now: Date

    public init(events: [Event], now: Date = Date()) {
        self.events = events
        self.now = now
    }

    public func render(language: Language) -> String {
        let labels = PageLabels(language)
        func entry(_ event: Event) -> [String: Any] {
            let format = PageFormat(language: language, timeZone: event.timezone)
            return present([
                "slug": event.slug, "title": language.pick(event.title, eventLanguages: event.languages) ?? event.slug,
                "when": format.shortPeriod(event.startsAt, event.endsAt),
                "place": event.format.hasVenue ? event.venue.city : labels.format(event.format),
            ])
        }
        let upcoming = events.filter { $0.endsAt >= now }.sorted { $0.startsAt < $1.startsAt }
        let past = events.filter { $0.endsAt < now }.sorted { $0.startsAt > $1.startsAt }
        let context = present(["hasEvents": !events.isEmpty, "upcoming": upcoming.map(entry), "past": past.map(entry)])
        return PageRenderer.render("home", context, shell: PageShell(language: language, title: labels["home.title"], path: "/"))
    }
}
