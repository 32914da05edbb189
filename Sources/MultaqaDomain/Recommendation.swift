import Foundation

/// What a workshop produces: drafted by its rapporteur, read out in the closing
/// session, adopted by the organisers, then followed up.
public struct Recommendation: Equatable, Sendable {
    /// draft → submitted → adopted | rejected | merged; submitted → draft (sent back for rework);
    /// adopted → in_progress → implemented.
    public enum Status: String, CaseIterable, Sendable {
        case draft, submitted, adopted, rejected, merged
        case inProgress = "in_progress", implemented

        public var next: [Status] {
            switch self {
            case .draft: [.submitted]
            case .submitted: [.adopted, .rejected, .merged, .draft]
            case .adopted: [.inProgress]
            case .inProgress: [.implemented]
            case .rejected, .merged, .implemented: []
            }
        }

        /// Public once adopted (for a published event); drafts and refusals are not.
        public var isPublic: Bool { self == .adopted || self == .inProgress || self == .implemented }
    }

    public enum Priority: String, CaseIterable, Sendable {
        case low, medium, high
    }

    /// Kinds of actors expected to act, besides named organizations.
    public enum ActorKind: String, CaseIterable, Sendable {
        case region, prefecture, province, commune, state, partner
        case civilSociety = "civil_society", privateSector = "private_sector"
    }

    public var id: UUID
    public var eventID: UUID
    public var number: Int
    public var sessionID: UUID?
    public var text: LocalizedText
    public var rationale: LocalizedText
    public var axis: String?
    public var actorIDs: [UUID]
    public var actorKinds: [ActorKind]
    public var ownerID: UUID?
    public var priority: Priority?
    public var dueDate: String?
    public var tags: [String]
    public var status: Status
    public var progress: Int
    public var mergedInto: UUID?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID = UUID(), eventID: UUID, number: Int = 0, sessionID: UUID? = nil, text: LocalizedText,
        rationale: LocalizedText = .init(), axis: String? = nil, actorIDs: [UUID] = [], actorKinds: [ActorKind] = [],
        ownerID: UUID? = nil, priority: Priority? = nil, dueDate: String? = nil, tags: [String] = [],
        status: Status = .draft, progress: Int = 0, mergedInto: UUID? = nil, createdBy: String = "",
        createdAt: Date = Date(), updatedAt: Date = Date(), version: Int = 1
    ) {
        self.id = id
        self.eventID = eventID
        self.number = number
        self.sessionID = sessionID
        self.text = text
        self.rationale = rationale
        self.axis = axis
        self.actorIDs = actorIDs
        self.actorKinds = actorKinds
        self.ownerID = ownerID
        self.priority = priority
        self.dueDate = dueDate
        self.tags = tags
        self.status = status
        self.progress = progress
        self.mergedInto = mergedInto
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// "R-01", "R-12", "R-103".
    public var label: String { number < 10 ? "R-0\(number)" : "R-\(number)" }

    /// Past its due date and not implemented (nor closed otherwise).
    public func isOverdue(today: String) -> Bool {
        guard let dueDate, status == .adopted || status == .inProgress else { return false }
        return dueDate < today
    }

    public static let maxTags = 20

    /// Every rule of the editable fields at once.
    public func validated() throws(DomainError) -> Recommendation {
        var violations: [FieldViolation] = []
        var recommendation = self
        recommendation.text = text.validated("text", maxLength: 5000, required: true, allowLineBreaks: true, into: &violations)
        recommendation.rationale = rationale.validated(
            "rationale", maxLength: 5000, required: false, allowLineBreaks: true, into: &violations)
        recommendation.axis = TextRules.clean(axis, field: "axis", maxLength: 200, into: &violations)
        if let dueDate, !Self.isDate(dueDate) {
            violations.append(FieldViolation(field: "dueDate", message: "must be a date such as 2026-06-30"))
        }
        var seenTags = Set<String>()
        recommendation.tags = []
        for (index, tag) in tags.enumerated() {
            guard let clean = TextRules.clean(tag, field: "tags[\(index)]", maxLength: 50, into: &violations) else { continue }
            if seenTags.insert(clean.lowercased()).inserted { recommendation.tags.append(clean) }
        }
        if tags.count > Self.maxTags {
            violations.append(FieldViolation(field: "tags", message: "must list at most \(Self.maxTags) tags"))
        }
        var seenActors = Set<UUID>()
        recommendation.actorIDs = actorIDs.filter { seenActors.insert($0).inserted }
        recommendation.actorKinds = ActorKind.allCases.filter(actorKinds.contains)
        guard violations.isEmpty else { throw .validation(violations) }
        return recommendation
    }

    /// A move of the lifecycle, or a 409 listing the moves allowed from here. While in progress,
    /// "in_progress" again records new progress.
    public func transition(
        to target: Status, progress newProgress: Int?, mergedInto target2: UUID?
    ) throws(DomainError)
        -> Recommendation
    {
        var moved = self
        if let newProgress, !(0...100).contains(newProgress) {
            throw .invalid("progress", "must be between 0 and 100")
        }
        if target == status {
            guard status == .inProgress, let newProgress else {
                throw .conflict(
                    rule: "recommendation_status_transition",
                    detail: "the recommendation is already \(status.rawValue); allowed: \(Self.allowed(from: status))",
                    allowed: Self.targets(from: status))
            }
            moved.progress = newProgress
            return moved
        }
        guard status.next.contains(target) else {
            throw .conflict(
                rule: "recommendation_status_transition",
                detail:
                    "a recommendation that is \(status.rawValue) can become \(Self.allowed(from: status)), not \(target.rawValue)",
                allowed: Self.targets(from: status))
        }
        moved.status = target
        switch target {
        case .merged:
            guard let target2 else { throw .invalid("mergedInto", "is required to merge: the recommendation it is merged into") }
            guard target2 != id else { throw .invalid("mergedInto", "must be another recommendation") }
            moved.mergedInto = target2
        case .inProgress:
            moved.progress = newProgress ?? progress
        case .implemented:
            moved.progress = 100
        default:
            if newProgress != nil { throw .invalid("progress", "is recorded only while in progress") }
        }
        return moved
    }

    /// The statuses a recommendation may move to, for a client to offer: in progress again
    /// records new progress.
    static func targets(from status: Status) -> [String] {
        (status.next + (status == .inProgress ? [.inProgress] : [])).map(\.rawValue)
    }

    static func allowed(from status: Status) -> String {
        let next = status.next.map(\.rawValue)
        return next.isEmpty ? "nothing else" : next.joined(separator: " or ")
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
