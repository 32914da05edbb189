import Foundation

/// How an attendee takes part: in the room or on the online platform.
public enum AttendanceMode: String, CaseIterable, Sendable {
    case inPerson = "in_person", online

    /// The modes an event's format allows.
    public static func allowed(by format: Event.Format) -> [AttendanceMode] {
        switch format {
        case .inPerson: [.inPerson]
        case .virtual: [.online]
        case .hybrid: [.inPerson, .online]
        }
    }
}

/// Who attends, as the meetings of DOMAIN.md count them.
public enum AttendeeCategory: String, CaseIterable, Sendable {
    case electedOfficial = "elected_official", administrativeStaff = "administrative_staff"
    case consultativeBodyMember = "consultative_body_member", partnerRepresentative = "partner_representative"
    case speaker, press, researcher, student, citizen, other
}

public enum RegistrationStatus: String, CaseIterable, Sendable {
    case confirmed, waitlisted, pendingApproval = "pending_approval", cancelled, rejected

    /// Still counts: holds a seat or a place in the waitlist.
    public var isActive: Bool { self != .cancelled && self != .rejected }
}

/// Optional fields an event may require.
public enum RegistrationField: String, CaseIterable, Sendable {
    case phone, affiliation, position
}

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
    public var version: Int

    public init(
        opensAt: Date? = nil, closesAt: Date? = nil, approvalRequired: Bool = false, inviteOnly: Bool = false,
        waitlist: Bool = true, capacities: [AttendanceMode: Int?], categories: [AttendeeCategory] = AttendeeCategory.allCases,
        requiredFields: [RegistrationField] = [], version: Int = 1
    ) {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.approvalRequired = approvalRequired
        self.inviteOnly = inviteOnly
        self.waitlist = waitlist
        self.capacities = capacities
        self.categories = categories
        self.requiredFields = requiredFields
        self.version = version
    }

    public static let maxCapacity = 1_000_000

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
        guard violations.isEmpty else { throw .validation(violations) }
        return settings
    }
}

/// Where an attendee comes from: one of a collectivity of the reference list, an organization,
/// or free text.
public enum Affiliation: Equatable, Sendable {
    case collectivity(String)
    case organization(UUID)
    case text(String)
}

/// What an attendee sends to register, checked before anything reaches the database.
public struct RegistrationRequest: Equatable, Sendable {
    public var fullName: String
    public var email: String
    public var phone: String?
    public var category: AttendeeCategory
    public var affiliation: Affiliation?
    public var position: String?
    public var mode: AttendanceMode
    public var workshops: [UUID]
    public var consent: Bool
    public var invitationCode: String?

    public init(
        fullName: String, email: String, phone: String? = nil, category: AttendeeCategory, affiliation: Affiliation? = nil,
        position: String? = nil, mode: AttendanceMode, workshops: [UUID] = [], consent: Bool, invitationCode: String? = nil
    ) {
        self.fullName = fullName
        self.email = email
        self.phone = phone
        self.category = category
        self.affiliation = affiliation
        self.position = position
        self.mode = mode
        self.workshops = workshops
        self.consent = consent
        self.invitationCode = invitationCode
    }

    public static let maxWorkshops = 20

    /// Names NFC-normalised (Arabic or Latin script), email trimmed and lower-cased, workshops
    /// without repeats; consent is required.
    public func validated() throws(DomainError) -> RegistrationRequest {
        var violations: [FieldViolation] = []
        var request = self
        if let name = TextRules.clean(fullName, field: "fullName", maxLength: 200, into: &violations) {
            request.fullName = name
            if !name.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
                violations.append(FieldViolation(field: "fullName", message: "must contain letters"))
            }
        } else if !violations.contains(where: { $0.field == "fullName" }) {
            violations.append(FieldViolation(field: "fullName", message: "is required"))
        }
        if let email = EmailAddress.validated(email, field: "email", into: &violations) {
            request.email = email
        } else if !violations.contains(where: { $0.field == "email" }) {
            violations.append(FieldViolation(field: "email", message: "is required"))
        }
        request.phone = PhoneNumber.validated(phone, field: "phone", into: &violations)
        request.position = TextRules.clean(position, field: "position", maxLength: 300, into: &violations)
        if case .text(let text) = affiliation {
            request.affiliation = TextRules.clean(text, field: "affiliation.text", maxLength: 300, into: &violations)
                .map(Affiliation.text)
        }
        if case .collectivity(let code) = affiliation {
            let trimmed = code.trimmingCharacters(in: .whitespaces).uppercased()
            if trimmed.isEmpty || trimmed.count > 40
                || !trimmed.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
            {
                violations.append(
                    FieldViolation(field: "affiliation.collectivity", message: "must be a code from GET /v1/collectivities"))
            }
            request.affiliation = .collectivity(trimmed)
        }
        if !consent {
            violations.append(
                FieldViolation(
                    field: "consent", message: "must be true: registering requires consent to the processing of personal data"))
        }
        var seen = Set<UUID>()
        request.workshops = workshops.filter { seen.insert($0).inserted }
        if request.workshops.count > Self.maxWorkshops {
            violations.append(FieldViolation(field: "workshops", message: "must list at most \(Self.maxWorkshops) workshops"))
        }
        if let code = invitationCode {
            let trimmed = TextRules.clean(code, field: "invitationCode", maxLength: 40, into: &violations)?.uppercased()
            request.invitationCode = trimmed
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return request
    }
}

/// A registration as stored. Personal fields are nil once erased.
public struct Registration: Equatable, Sendable {
    public var id: UUID
    public var eventID: UUID
    public var status: RegistrationStatus
    public var waitlistPosition: Int?
    public var mode: AttendanceMode
    public var fullName: String?
    public var email: String?
    public var phone: String?
    public var category: AttendeeCategory
    public var affiliation: Affiliation?
    public var position: String?
    public var workshops: [UUID]
    public var checkInCode: String
    public var consentAt: Date
    public var source: String
    public var createdAt: Date
    public var updatedAt: Date
    public var erasedAt: Date?
    public var version: Int

    public init(
        id: UUID, eventID: UUID, status: RegistrationStatus, waitlistPosition: Int?, mode: AttendanceMode, fullName: String?,
        email: String?, phone: String?, category: AttendeeCategory, affiliation: Affiliation?, position: String?,
        workshops: [UUID], checkInCode: String, consentAt: Date, source: String, createdAt: Date, updatedAt: Date,
        erasedAt: Date?, version: Int
    ) {
        self.id = id
        self.eventID = eventID
        self.status = status
        self.waitlistPosition = waitlistPosition
        self.mode = mode
        self.fullName = fullName
        self.email = email
        self.phone = phone
        self.category = category
        self.affiliation = affiliation
        self.position = position
        self.workshops = workshops
        self.checkInCode = checkInCode
        self.consentAt = consentAt
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.erasedAt = erasedAt
        self.version = version
    }
}

/// Short codes read aloud at the door or typed at a kiosk: eight characters from an alphabet
/// without 0/O and 1/I, shown as two groups of four.
public enum CheckInCode {
    public static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// Eight letters of 5 bits each from one 64-bit draw.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bits: UInt64 = generator.next()
        var code = ""
        for _ in 0..<8 {
            code.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return code
    }

    /// What a person typed ("abcd-2345", "ABCD 2345") in stored form, or nil if it cannot be one.
    public static func normalised(_ text: String) -> String? {
        let compact = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard compact.count == 8, compact.allSatisfy(alphabet.contains) else { return nil }
        return compact
    }

    public static func display(_ code: String) -> String {
        guard code.count == 8 else { return code }
        return "\(code.prefix(4))-\(code.suffix(4))"
    }
}
