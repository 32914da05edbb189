import Foundation

/// A recording, live stream, highlights video or slides hosted elsewhere (a video platform, a
/// conference tool's recording page), attached to an event or one of its sessions.
public struct MediaLink: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case liveStream = "live_stream", recording, highlights, slides, other
    }

    public var id: UUID
    public var eventID: UUID
    public var sessionID: UUID?
    public var kind: Kind
    public var title: LocalizedText
    public var url: String
    public var language: String?
    /// Not shown to the public before this time.
    public var publishedAt: Date
    /// When the public sees it, worked out by the database from the session's or event's times.
    public var shownFrom: Date?
    public var shownUntil: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID = UUID(), eventID: UUID, sessionID: UUID? = nil, kind: Kind, title: LocalizedText = .init(), url: String,
        language: String? = nil, publishedAt: Date = Date(), shownFrom: Date? = nil, shownUntil: Date? = nil,
        createdAt: Date = Date(), updatedAt: Date = Date(), version: Int = 1
    ) {
        self.id = id
        self.eventID = eventID
        self.sessionID = sessionID
        self.kind = kind
        self.title = title
        self.url = url
        self.language = language
        self.publishedAt = publishedAt
        self.shownFrom = shownFrom
        self.shownUntil = shownUntil
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// Whether the public sees it at `now`.
    public func isShown(at now: Date) -> Bool {
        guard let shownFrom, shownFrom <= now else { return false }
        return shownUntil.map { now < $0 } ?? true
    }

    public func validated() throws(DomainError) -> MediaLink {
        var violations: [FieldViolation] = []
        var result = self
        result.title = title.validated("title", maxLength: 300, required: false, into: &violations)
        if let language, !Document.languages.contains(language) {
            violations.append(FieldViolation(field: "language", message: "must be ar, fr or en"))
        }
        if let url = Self.cleanURL(url) {
            result.url = url
        } else {
            violations.append(
                FieldViolation(
                    field: "url", message: "must be an http or https URL with a host, at most 2000 characters, without spaces"))
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return result
    }

    /// http and https only: a `javascript:` or `file:` link in a program is an attack on its
    /// readers, not a recording.
    static func cleanURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2000).contains(trimmed.utf8.count),
            !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }),
            let components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty,
            trimmed.lowercased().hasPrefix(scheme + "://")
        else {
            return nil
        }
        return trimmed
    }
}
