import Foundation

/// A seminar, webinar, forum, conference, meeting or workshop.
public struct Event: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case seminar, webinar, forum, conference, meeting, workshop
    }

    public enum Format: String, CaseIterable, Sendable {
        case inPerson = "in_person", virtual, hybrid

        public var hasVenue: Bool { self != .virtual }
        public var isOnline: Bool { self != .inPerson }
    }

    /// draft → published → closed → archived; draft or published → cancelled.
    public enum Status: String, CaseIterable, Sendable {
        case draft, published, closed, archived, cancelled

        public var next: [Status] {
            switch self {
            case .draft: [.published, .cancelled]
            case .published: [.closed, .cancelled]
            case .closed: [.archived]
            case .archived, .cancelled: []
            }
        }

        /// Readable by the public: the program of a draft is the organisers' business.
        public var isPublic: Bool { self != .draft }
    }

    public struct Venue: Equatable, Sendable {
        public var name: String?
        public var city: String?
        public var address: String?

        public init(name: String? = nil, city: String? = nil, address: String? = nil) {
            self.name = name
            self.city = city
            self.address = address
        }
    }

    public struct Online: Equatable, Sendable {
        public var platform: String?
        /// Public: a YouTube live page, a platform's webinar page.
        public var streamURL: String?
        /// Private: organisers and registered attendees only.
        public var joinURL: String?

        public init(platform: String? = nil, streamURL: String? = nil, joinURL: String? = nil) {
            self.platform = platform
            self.streamURL = streamURL
            self.joinURL = joinURL
        }
    }

    public var id: UUID
    public var slug: String
    public var kind: Kind
    public var format: Format
    public var title: LocalizedText
    public var theme: LocalizedText
    public var description: LocalizedText
    public var timezone: String
    public var startsAt: Date
    public var endsAt: Date
    public var venue: Venue
    public var online: Online
    public var languages: [String]
    public var interpretation: Bool
    public var seriesID: UUID?
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID = UUID(), slug: String, kind: Kind, format: Format, title: LocalizedText,
        theme: LocalizedText = .init(), description: LocalizedText = .init(), timezone: String, startsAt: Date,
        endsAt: Date, venue: Venue = .init(), online: Online = .init(), languages: [String] = [],
        interpretation: Bool = false, seriesID: UUID? = nil, status: Status = .draft, createdAt: Date = Date(),
        updatedAt: Date = Date(), version: Int = 1
    ) {
        self.id = id
        self.slug = slug
        self.kind = kind
        self.format = format
        self.title = title
        self.theme = theme
        self.description = description
        self.timezone = timezone
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.venue = venue
        self.online = online
        self.languages = languages
        self.interpretation = interpretation
        self.seriesID = seriesID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    public static let slugMaxLength = 100

    /// Every rule of a whole event at once (after a create or a merged change).
    public func validated() throws(DomainError) -> Event {
        var violations: [FieldViolation] = []
        var event = self
        event.slug = slug.trimmingCharacters(in: .whitespaces).lowercased()
        if !Self.isSlug(event.slug) {
            violations.append(
                FieldViolation(
                    field: "slug",
                    message:
                        "must be lower-case letters, digits and single dashes, at most \(Self.slugMaxLength), e.g. forum-saidia-2024"
                ))
        }
        event.title = title.validated("title", maxLength: 300, required: true, into: &violations)
        event.theme = theme.validated("theme", maxLength: 500, required: false, into: &violations)
        event.description = self.description.validated(
            "description", maxLength: 10_000, required: false, allowLineBreaks: true, into: &violations)
        if TimeZone(identifier: timezone) == nil || timezone.count > 64 {
            violations.append(FieldViolation(field: "timezone", message: "must be an IANA time zone such as Africa/Casablanca"))
        }
        if endsAt <= startsAt {
            violations.append(FieldViolation(field: "endsAt", message: "must be after startsAt"))
        }
        event.venue.name = TextRules.clean(venue.name, field: "venue.name", maxLength: 200, into: &violations)
        event.venue.city = TextRules.clean(venue.city, field: "venue.city", maxLength: 100, into: &violations)
        event.venue.address = TextRules.clean(venue.address, field: "venue.address", maxLength: 500, into: &violations)
        if format.hasVenue && event.venue.name == nil {
            violations.append(FieldViolation(field: "venue.name", message: "is required for \(format.rawValue) events"))
        }
        event.online.platform = TextRules.clean(online.platform, field: "online.platform", maxLength: 100, into: &violations)
        event.online.streamURL = WebURL.validated(online.streamURL, field: "online.streamUrl", into: &violations)
        event.online.joinURL = WebURL.validated(online.joinURL, field: "online.joinUrl", into: &violations)
        if format.isOnline && event.online.platform == nil {
            violations.append(FieldViolation(field: "online.platform", message: "is required for \(format.rawValue) events"))
        }
        event.languages = []
        for (index, language) in languages.enumerated() {
            let code = language.trimmingCharacters(in: .whitespaces).lowercased()
            if code.count == 2, code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) {
                if !event.languages.contains(code) { event.languages.append(code) }
            } else {
                violations.append(
                    FieldViolation(field: "languages[\(index)]", message: "must be an ISO 639-1 code such as ar, fr, en"))
            }
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return event
    }

    public static func isSlug(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= slugMaxLength, !text.hasPrefix("-"), !text.hasSuffix("-"),
            !text.contains("--"), UUID(idText: text) == nil
        else {
            // A slug that reads as an id would be taken for one.
            return false
        }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A status change the lifecycle allows, or a 409 listing the allowed ones.
    public func transition(to target: Status) throws(DomainError) -> Status {
        guard target != status else { return status }
        guard status.next.contains(target) else {
            let allowed = status.next.map(\.rawValue)
            throw .conflict(
                rule: "event_status_transition",
                detail:
                    "an event that is \(status.rawValue) can become \(allowed.isEmpty ? "nothing else" : allowed.joined(separator: " or ")), not \(target.rawValue)"
            )
        }
        return target
    }
}
