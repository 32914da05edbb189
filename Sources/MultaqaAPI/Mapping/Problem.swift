import Foundation
import Hummingbird

/// An RFC 9457 problem details body, as every error of the API is rendered.
struct Problem: Codable, Equatable, Sendable {
    struct FieldError: Codable, Equatable, Sendable {
        var field: String
        var message: String
    }

    /// `about:blank` where the status says it all; a `urn:multaqa:problem:` name for a domain rule.
    var type: String
    var title: String
    var status: Int
    var detail: String?
    var instance: String?
    var requestId: String?
    var errors: [FieldError]?
    /// The rule a 409 conflict broke, in the database's words (a constraint name).
    var rule: String?
    /// For 405: the methods the path accepts; for a 409 on a lifecycle: the statuses allowed next.
    var allowed: [String]?
    /// For a 409 clash in the schedule: the session already there.
    var conflictingSession: ConflictingSession?

    /// The session a clash is with, as a client shows it.
    struct ConflictingSession: Codable, Equatable, Sendable {
        var id: String
        var title: Title
        var startsAt: Date
        var endsAt: Date

        struct Title: Codable, Equatable, Sendable {
            var ar: String?
            var fr: String?
            var en: String?
        }
    }

    static let mediaType = "application/problem+json"

    init(
        status: HTTPResponse.Status, type: String = "about:blank", title: String? = nil, detail: String? = nil,
        errors: [FieldError]? = nil, rule: String? = nil, allowed: [String]? = nil,
        conflictingSession: ConflictingSession? = nil
    ) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
        self.rule = rule
        self.allowed = allowed
        self.conflictingSession = conflictingSession
    }
}
