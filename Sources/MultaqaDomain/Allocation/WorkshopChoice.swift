import Foundation

/// How an event's attendees get workshops: chosen at registration, first come first served, or
/// ranked and later allocated by the organisers (`Allocator`).
public struct WorkshopChoice: Equatable, Sendable {
    public enum Mode: String, CaseIterable, Sendable {
        case atRegistration = "at_registration"
        case ranked
    }

    public var mode: Mode
    /// At most this many workshops ranked per time slot; nil: all of them.
    public var rankedChoices: Int?
    /// After this, rankings no longer change.
    public var rankingsCloseAt: Date?
    /// A workshop with fewer attendees is flagged in a proposal.
    public var minimumAttendance: Int?

    public init(
        mode: Mode = .atRegistration, rankedChoices: Int? = nil, rankingsCloseAt: Date? = nil, minimumAttendance: Int? = nil
    ) {
        self.mode = mode
        self.rankedChoices = rankedChoices
        self.rankingsCloseAt = rankingsCloseAt
        self.minimumAttendance = minimumAttendance
    }

    public static let maxRankedChoices = 20
    public static let maxMinimumAttendance = 100_000

    func validate(into violations: inout [FieldViolation]) {
        if let rankedChoices, !(1...Self.maxRankedChoices).contains(rankedChoices) {
            violations.append(
                FieldViolation(field: "workshopChoice.rankedChoices", message: "must be between 1 and \(Self.maxRankedChoices)"))
        }
        if let minimumAttendance, !(1...Self.maxMinimumAttendance).contains(minimumAttendance) {
            violations.append(
                FieldViolation(
                    field: "workshopChoice.minimumAttendance", message: "must be between 1 and \(Self.maxMinimumAttendance)"))
        }
        if mode == .atRegistration, rankedChoices != nil || rankingsCloseAt != nil {
            violations.append(
                FieldViolation(
                    field: "workshopChoice.mode", message: "must be ranked for rankedChoices and rankingsCloseAt to apply"))
        }
    }
}
