import Foundation

/// An event's registration settings. Capacities per attendance mode: a mode that is
/// listed is offered; a nil capacity is unlimited.
public struct RegistrationSettings: Equatable, Sendable {
    public var opensAt: Date?
    public var closesAt: Date?
    public var approvalRequired: Bool
    public var inviteOnly: Bool
    public var waitlist: Bool
    public var capacities: [AttendanceMode: Int?]
    public var categories: [AttendeeCategory]
    public var requiredFields: [RegistrationField]
    /// Where attendees' replies to the event's mail go; nil: nowhere but the sender.
    public var replyTo: String?
    public var workshopChoice: WorkshopChoice
    /// Days after the event ends that registrations keep their personal data; nil: the service's default.
    public var retentionDays: Int?
    public var version: Int

    public init(
        opensAt: Date? = nil, closesAt: Date? = nil, approvalRequired: Bool = false, inviteOnly: Bool = false,
        waitlist: Bool = true, capacities: [AttendanceMode: Int?], categories: [AttendeeCategory] = AttendeeCategory.allCases,
        requiredFields: [RegistrationField] = [], replyTo: String? = nil, workshopChoice: WorkshopChoice = WorkshopChoice(),
        retentionDays: Int? = nil, version: Int = 1
    ) {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.approvalRequired = approvalRequired
        self.inviteOnly = inviteOnly
        self.waitlist = waitlist
        self.capacities = capacities
        self.categories = categories
        self.requiredFields = requiredFields
        self.replyTo = replyTo
        self.workshopChoice = workshopChoice
        self.retentionDays = retentionDays
        self.version = version
    }

    public static let maxCapacity = 1_000_000
    /// Ten years: longer is keeping, not retaining.
    public static let retentionDaysAllowed = 1...3650

    public func validated(for event: Event) throws(DomainError) -> RegistrationSettings {
        var violations: [FieldViolation] = []
        var settings = self
        if let opensAt, let closesAt, closesAt <= opensAt {
            violations.append(FieldViolation(field: "closesAt", message: "must be after opensAt"))
        }
        if capacities.isEmpty {
            violations.append(FieldViolation(field: "capacities", message: "must offer at least one attendance mode"))
        }
        let allowed = AttendanceMode.allowed(by: event.format)
        for (mode, capacity) in capacities {
            if !allowed.contains(mode) {
                violations.append(
                    FieldViolation(
                        field: "capacities.\(mode.rawValue)",
                        message:
                            "a \(event.format.rawValue) event offers only \(allowed.map(\.rawValue).joined(separator: " and "))"))
            }
            if let capacity = capacity, !(0...Self.maxCapacity).contains(capacity) {
                violations.append(
                    FieldViolation(field: "capacities.\(mode.rawValue)", message: "must be between 0 and \(Self.maxCapacity)"))
            }
        }
        if categories.isEmpty {
            violations.append(FieldViolation(field: "categories", message: "must offer at least one category"))
        }
        settings.categories = AttendeeCategory.allCases.filter(categories.contains)
        settings.requiredFields = RegistrationField.allCases.filter(requiredFields.contains)
        settings.replyTo = EmailAddress.validated(replyTo, field: "replyTo", into: &violations)
        workshopChoice.validate(into: &violations)
        if let retentionDays, !Self.retentionDaysAllowed.contains(retentionDays) {
            violations.append(
                FieldViolation(
                    field: "retentionDays",
                    message: "must be between \(Self.retentionDaysAllowed.lowerBound) and \(Self.retentionDaysAllowed.upperBound)"
                ))
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return settings
    }
}
