import Foundation

/// A file that belongs to a meeting: the adopted recommendations, a strategic plan,
/// slides, a press release… attached to the event, one of its sessions or one of its
/// recommendations. The bytes live in a blob; a document without a blob has metadata only, until
/// its file is uploaded.
public struct Document: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case recommendations
        case strategicPlan = "strategic_plan"
        case programmeDescription = "programme_description"
        case slides, agenda
        case pressRelease = "press_release"
        case photo, other
    }

    public enum Visibility: String, CaseIterable, Sendable {
        /// To everyone, once the event is published.
        case `public`
        /// To organisers only; 404 to everybody else (not even a hint that it exists).
        case organizers
    }

    /// What is known of the stored bytes.
    public struct Content: Equatable, Sendable {
        public var blobID: UUID
        public var mediaType: String
        public var size: Int64
        public var sha256: Data
        /// Where the bytes are kept (`postgres` or `directory`), so a download reads them without
        /// asking first.
        public var storage: String

        public init(blobID: UUID, mediaType: String, size: Int64, sha256: Data, storage: String = "postgres") {
            self.blobID = blobID
            self.mediaType = mediaType
            self.size = size
            self.sha256 = sha256
            self.storage = storage
        }

        public var sha256Hex: String { sha256.hexadecimal }
    }

    public var id: UUID
    public var eventID: UUID
    public var sessionID: UUID?
    public var recommendationID: UUID?
    public var title: LocalizedText
    public var kind: Kind
    public var language: String?
    public var visibility: Visibility
    public var fileName: String?
    public var content: Content?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID = UUID(), eventID: UUID, sessionID: UUID? = nil, recommendationID: UUID? = nil, title: LocalizedText,
        kind: Kind, language: String? = nil, visibility: Visibility = .public, fileName: String? = nil,
        content: Content? = nil, createdBy: String = "", createdAt: Date = Date(), updatedAt: Date = Date(), version: Int = 1
    ) {
        self.id = id
        self.eventID = eventID
        self.sessionID = sessionID
        self.recommendationID = recommendationID
        self.title = title
        self.kind = kind
        self.language = language
        self.visibility = visibility
        self.fileName = fileName
        self.content = content
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// Whether someone who is not an organiser may know of it.
    public func isPublic(in event: Event) -> Bool {
        visibility == .public && event.status.isPublic
    }

    public static let languages: Set<String> = ["ar", "fr", "en"]

    /// The document's fields checked together, every broken rule named (nothing stored otherwise).
    public func validated() throws(DomainError) -> Document {
        var violations: [FieldViolation] = []
        var result = self
        result.title = title.validated("title", maxLength: 300, required: true, into: &violations)
        if let language, !Self.languages.contains(language) {
            violations.append(FieldViolation(field: "language", message: "must be ar, fr or en"))
        }
        if sessionID != nil, recommendationID != nil {
            violations.append(
                FieldViolation(
                    field: "recommendationId", message: "a document is attached to one session or one recommendation, not both"))
        }
        do {
            result.fileName = try fileName.map { name throws(DomainError) in try Self.cleanFileName(name) }
        } catch {
            if case .validation(let found) = error { violations += found }
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return result
    }

    /// A file name as people gave it (Arabic included), without what would let it name another
    /// path or break a header: no slashes, backslashes or control characters, at most 255
    /// characters.
    public static func cleanFileName(_ name: String, field: String = "fileName") throws(DomainError) -> String {
        var violations: [FieldViolation] = []
        guard let cleaned = TextRules.clean(name, field: field, maxLength: 255, into: &violations) else {
            throw violations.isEmpty ? .invalid(field, "must not be empty") : .validation(violations)
        }
        if cleaned.contains("/") || cleaned.contains("\\") {
            throw .invalid(field, "must be a file name, without / or \\")
        }
        if cleaned == "." || cleaned == ".." {
            throw .invalid(field, "must be a file name")
        }
        return cleaned
    }
}
