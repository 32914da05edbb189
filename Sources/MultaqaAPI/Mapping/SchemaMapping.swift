import Foundation
import MultaqaDomain
import MultaqaStore

/// Domain values to and from the contract's generated types. Kept apart from the handlers so that
/// each handler reads as: authorize, validate, store, answer.
enum SchemaMapping {
    static func id(_ uuid: UUID) -> String { uuid.idText }

    static func text(_ text: LocalizedText) -> Components.Schemas.LocalizedText? {
        text.isEmpty ? nil : .init(ar: text.ar, fr: text.fr, en: text.en)
    }

    static func text(_ text: Components.Schemas.LocalizedText?) -> LocalizedText {
        guard let text else { return LocalizedText() }
        return LocalizedText(ar: text.ar, fr: text.fr, en: text.en)
    }

    /// A UUID the client sent in a body: refused with 422 naming the field when malformed.
    static func uuid(_ text: String?, field: String) throws(DomainError) -> UUID? {
        guard let text else { return nil }
        guard let id = UUID(idText: text) else { throw .invalid(field, "must be an id (a UUID)") }
        return id
    }

    static func person(_ person: Person, includePrivate: Bool) -> Components.Schemas.Person {
        .init(
            id: id(person.id), honorific: text(person.honorific), fullName: text(person.fullName) ?? .init(),
            position: text(person.position), organizationId: person.organizationID.map(id), country: person.country,
            bio: text(person.bio), email: includePrivate ? person.email : nil, phone: includePrivate ? person.phone : nil,
            version: person.version)
    }

    /// A language code kept as text (the schema allows only ar, fr and en): the contract's value,
    /// or a server fault naming the stored text, never a silently missing language.
    static func language(_ code: String?) throws(UnknownStoredValue) -> Components.Schemas.ContentLanguage? {
        guard let code else { return nil }
        return try .init(stored: code)
    }

    static func event(_ event: Event, includePrivate: Bool) -> Components.Schemas.Event {
        let venue =
            event.venue == Event.Venue()
            ? nil : Components.Schemas.Venue(name: event.venue.name, city: event.venue.city, address: event.venue.address)
        let joinURL = includePrivate ? event.online.joinURL : nil
        let online =
            event.online.platform == nil && event.online.streamURL == nil && joinURL == nil
            ? nil
            : Components.Schemas.OnlinePart(platform: event.online.platform, streamUrl: event.online.streamURL, joinUrl: joinURL)
        return .init(
            id: id(event.id), slug: event.slug, kind: .init(event.kind), format: .init(event.format),
            title: text(event.title) ?? .init(),
            theme: text(event.theme), description: text(event.description), timezone: event.timezone,
            startsAt: event.startsAt, endsAt: event.endsAt, venue: venue, online: online, languages: event.languages,
            interpretation: event.interpretation, seriesId: event.seriesID.map(id), status: .init(event.status),
            version: event.version)
    }

    static func room(_ room: Room) -> Components.Schemas.Room {
        .init(
            id: id(room.id), eventId: id(room.eventID), name: room.name, capacity: room.capacity, opensAt: room.opensAt,
            closesAt: room.closesAt, version: room.version)
    }

    static func session(_ session: Session) -> Components.Schemas.Session {
        .init(
            id: id(session.id), eventId: id(session.eventID), kind: .init(session.kind),
            title: text(session.title) ?? .init(), description: text(session.description), startsAt: session.startsAt,
            endsAt: session.endsAt, roomId: session.roomID.map(id), onlineUrl: session.onlineURL,
            language: session.language, capacity: session.capacity, track: session.track, version: session.version)
    }

    static func participant(_ participant: Participant) -> Components.Schemas.Participant {
        .init(
            sessionId: id(participant.sessionID), personId: id(participant.personID),
            role: .init(participant.role), talkTitle: text(participant.talkTitle),
            displayOrder: participant.displayOrder)
    }

    static func partner(_ entry: Program.PartnerEntry) -> Components.Schemas.PartnerEntry {
        .init(
            role: .init(entry.partner.role), displayOrder: entry.partner.displayOrder,
            organization: APIImplementation.schema(entry.organization))
    }

    static func program(_ program: Program) throws -> Components.Schemas.Program {
        let calendar = Program.calendar(program.event.timezone)
        return .init(
            event: event(program.event, includePrivate: false),
            partners: program.partners.map(partner),
            days: try program.days.map { day in
                .init(
                    date: day.date,
                    sessions: try day.slots.map { slot in
                        .init(
                            id: id(slot.session.id), kind: .init(slot.session.kind),
                            title: text(slot.session.title) ?? .init(), description: text(slot.session.description),
                            startsAt: slot.session.startsAt, endsAt: slot.session.endsAt,
                            localStart: Program.clock(slot.session.startsAt, calendar),
                            localEnd: Program.clock(slot.session.endsAt, calendar), room: slot.room.map(room),
                            onlineUrl: slot.session.onlineURL, language: slot.session.language, track: slot.session.track,
                            capacity: slot.session.capacity,
                            participants: slot.speakers.map { speaker in
                                .init(
                                    role: .init(speaker.participant.role),
                                    talkTitle: text(speaker.participant.talkTitle),
                                    displayOrder: speaker.participant.displayOrder,
                                    person: .init(
                                        id: id(speaker.person.id), honorific: text(speaker.person.honorific),
                                        fullName: text(speaker.person.fullName) ?? .init(),
                                        position: text(speaker.person.position),
                                        organization: speaker.organization.map(APIImplementation.schema)))
                            },
                            documents: nonEmpty(try program.documents(session: slot.session.id).map(document)),
                            links: nonEmpty(try program.links(session: slot.session.id).map(link)))
                    })
            },
            documents: nonEmpty(try program.documents(session: nil).map(document)),
            links: nonEmpty(try program.links(session: nil).map(link)))
    }

    /// Absent rather than empty, so a program without documents reads as it did before them.
    private static func nonEmpty<T>(_ items: [T]) -> [T]? { items.isEmpty ? nil : items }

    static func document(_ document: Document) throws -> Components.Schemas.Document {
        .init(
            id: id(document.id), eventId: id(document.eventID), title: text(document.title) ?? .init(),
            kind: .init(document.kind), language: try language(document.language),
            sessionId: document.sessionID.map(id), recommendationId: document.recommendationID.map(id),
            visibility: .init(document.visibility), fileName: document.fileName,
            mediaType: document.content?.mediaType, size: document.content?.size, sha256: document.content?.sha256Hex,
            contentUrl: "/v1/documents/\(id(document.id))/content", createdAt: document.createdAt,
            updatedAt: document.updatedAt, version: document.version)
    }

    static func link(_ link: MediaLink) throws -> Components.Schemas.MediaLink {
        .init(
            id: id(link.id), eventId: id(link.eventID), kind: .init(link.kind),
            title: text(link.title), url: link.url, language: try language(link.language),
            sessionId: link.sessionID.map(id), publishedAt: link.publishedAt, shownFrom: link.shownFrom ?? link.publishedAt,
            shownUntil: link.shownUntil, createdAt: link.createdAt, updatedAt: link.updatedAt, version: link.version)
    }
}
