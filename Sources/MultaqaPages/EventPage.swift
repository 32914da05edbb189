import Foundation
import MultaqaDomain

/// `/e/{slug}`: the event as the public sees it: when, where, who, the programme by day, the
/// documents and links shown now, and the recommendations it adopted.
public struct EventPage: Sendable {
    public var program: Program
    public var recommendations: [Recommendation]
    public var registration: RegistrationState

    public init(program: Program, recommendations: [Recommendation], registration: RegistrationState) {
        self.program = program
        self.recommendations = recommendations
        self.registration = registration
    }

    public func render(language: Language) -> String {
        let event = program.event
        let labels = PageLabels(language)
        let format = PageFormat(language: language, timeZone: event.timezone)
        let pick = { (text: LocalizedText) in language.pick(text, eventLanguages: event.languages) }
        let title = pick(event.title) ?? event.slug
        let venue = [event.venue.name, event.venue.city, event.venue.address].compactMap { $0 }
        var seenVenue = Set<String>()
        let venueText = venue.filter { seenVenue.insert($0).inserted }.joined(separator: "، ".arabicOr(language, ", "))

        let days: [[String: Any]] = program.days.enumerated().map { index, day in
            let sessions: [[String: Any]] = day.slots.map { slot in
                let session = slot.session
                let parallel =
                    session.kind == .workshop
                    && day.slots.contains { other in
                        other.session.id != session.id && other.session.kind == .workshop
                            && other.session.startsAt < session.endsAt && session.startsAt < other.session.endsAt
                    }
                return present([
                    "from": format.time(session.startsAt), "to": format.time(session.endsAt),
                    "kind": labels.sessionKind(session.kind), "title": pick(session.title) ?? "",
                    "room": slot.room?.name, "parallel": parallel,
                    "people": slot.speakers.map { speaker -> [String: Any] in
                        let name = [pick(speaker.person.honorific), pick(speaker.person.fullName)].compactMap { $0 }
                            .joined(separator: " ")
                        return present([
                            "name": name, "role": labels.participantRole(speaker.participant.role),
                            "talk": pick(speaker.participant.talkTitle),
                        ])
                    },
                    "links": program.links(session: session.id).map { link(link: $0, labels, pick) },
                    "documents": program.documents(session: session.id).map { document(document: $0, pick) },
                ])
            }
            let date = day.slots.first.map { format.day($0.session.startsAt) } ?? day.date
            return ["index": index + 1, "label": date, "sessions": sessions]
        }
        let languages = event.languages.compactMap { Language(rawValue: $0) }.map { PageLabels.languageNames[$0] ?? $0.rawValue }
        let context = present([
            "slug": event.slug, "title": title, "theme": pick(event.theme),
            "description": pick(event.description), "cancelled": event.status == .cancelled,
            "when": format.period(event.startsAt, event.endsAt), "format": labels.format(event.format),
            "venue": event.format.hasVenue && !venueText.isEmpty ? venueText : nil,
            "platform": event.format.isOnline ? (event.online.platform ?? labels["event.online"]) : nil,
            "stream": event.online.streamURL,
            "languages": languages.isEmpty ? nil : languages.joined(separator: "، ".arabicOr(language, ", ")),
            "interpretation": event.interpretation,
            "registration": present(["open": registration.isOpen, "message": registration.message(labels, format)]),
            "partners": program.partners.map { entry -> [String: Any] in
                [
                    "name": pick(entry.organization.name) ?? entry.organization.acronym ?? "",
                    "role": labels.partnerRole(entry.partner.role),
                ]
            },
            "days": days,
            "documents": program.documents(session: nil).map { document(document: $0, pick) },
            "links": program.links(session: nil).map { link(link: $0, labels, pick) },
            "recommendations": recommendations.filter(\.status.isPublic).sorted { $0.number < $1.number }.map {
                recommendation -> [String: Any] in
                [
                    "number": recommendation.number, "text": pick(recommendation.text) ?? "",
                    "status": labels.recommendationStatus(recommendation.status),
                ]
            },
        ])
        return PageRenderer.render(
            "event", context, shell: PageShell(language: language, title: title, path: "/e/\(event.slug)"))
    }

    private func link(link: MediaLink, _ labels: PageLabels, _ pick: (LocalizedText) -> String?) -> [String: Any] {
        ["url": link.url, "kind": labels.linkKind(link.kind), "title": pick(link.title) ?? link.url]
    }

    private func document(document: Document, _ pick: (LocalizedText) -> String?) -> [String: Any] {
        [
            "url": "/v1/documents/\(document.id.idText)/content",
            "title": pick(document.title) ?? document.fileName ?? "",
        ]
    }
}

extension String {
    /// The Arabic separator in Arabic pages, the Latin one elsewhere.
    func arabicOr(_ language: Language, _ latin: String) -> String {
        language == .ar ? self : latin
    }
}
