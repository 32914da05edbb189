import Foundation

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
    /// The language its mail is written in.
    public var language: Language

    public init(
        id: UUID, eventID: UUID, status: RegistrationStatus, waitlistPosition: Int?, mode: AttendanceMode, fullName: String?,
        email: String?, phone: String?, category: AttendeeCategory, affiliation: Affiliation?, position: String?,
        workshops: [UUID], checkInCode: String, consentAt: Date, source: String, createdAt: Date, updatedAt: Date,
        erasedAt: Date?, version: Int, language: Language
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
        self.language = language
    }
}
