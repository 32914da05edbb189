import MultaqaDomain
import MultaqaReports
import MultaqaServices

// Every enumeration of the contract and its counterpart inside the service, converted by an
// exhaustive `switch` each way: a case added on either side fails to compile here until it is
// mapped, instead of falling back to some default at run time. The shape is the same for all:
// `init(_:)` builds the contract's value from the service's, `.domain` goes back. Values from the
// contract need no check: the generated decoder refuses an unknown one with a 422 before a
// handler runs. Domain types are named with their module, because the generated `Components`
// has types of the same names (`Event`, `Recommendation`, `AttendanceMode`…).

extension Components.Schemas.OrganizationKind {
    init(_ kind: MultaqaDomain.Organization.Kind) {
        switch kind {
        case .ministry: self = .ministry
        case .localAuthority: self = .localAuthority
        case .internationalOrganisation: self = .internationalOrganisation
        case .embassy: self = .embassy
        case .agency: self = .agency
        case .association: self = .association
        case .academic: self = .academic
        case .company: self = .company
        case .media: self = .media
        }
    }

    var domain: MultaqaDomain.Organization.Kind {
        switch self {
        case .ministry: .ministry
        case .localAuthority: .localAuthority
        case .internationalOrganisation: .internationalOrganisation
        case .embassy: .embassy
        case .agency: .agency
        case .association: .association
        case .academic: .academic
        case .company: .company
        case .media: .media
        }
    }
}

extension Components.Schemas.EventKind {
    init(_ kind: MultaqaDomain.Event.Kind) {
        switch kind {
        case .seminar: self = .seminar
        case .webinar: self = .webinar
        case .forum: self = .forum
        case .conference: self = .conference
        case .meeting: self = .meeting
        case .workshop: self = .workshop
        }
    }

    var domain: MultaqaDomain.Event.Kind {
        switch self {
        case .seminar: .seminar
        case .webinar: .webinar
        case .forum: .forum
        case .conference: .conference
        case .meeting: .meeting
        case .workshop: .workshop
        }
    }
}

extension Components.Schemas.EventFormat {
    init(_ format: MultaqaDomain.Event.Format) {
        switch format {
        case .inPerson: self = .inPerson
        case .virtual: self = .virtual
        case .hybrid: self = .hybrid
        }
    }

    var domain: MultaqaDomain.Event.Format {
        switch self {
        case .inPerson: .inPerson
        case .virtual: .virtual
        case .hybrid: .hybrid
        }
    }
}

extension Components.Schemas.EventStatus {
    init(_ status: MultaqaDomain.Event.Status) {
        switch status {
        case .draft: self = .draft
        case .published: self = .published
        case .closed: self = .closed
        case .archived: self = .archived
        case .cancelled: self = .cancelled
        }
    }

    var domain: MultaqaDomain.Event.Status {
        switch self {
        case .draft: .draft
        case .published: .published
        case .closed: .closed
        case .archived: .archived
        case .cancelled: .cancelled
        }
    }
}

extension Components.Schemas.SeriesCreate.KindPayload {
    init(_ kind: MultaqaDomain.EventSeries.Kind) {
        switch kind {
        case .series: self = .series
        case .programme: self = .programme
        }
    }

    var domain: MultaqaDomain.EventSeries.Kind {
        switch self {
        case .series: .series
        case .programme: .programme
        }
    }
}

extension Components.Schemas.Series.KindPayload {
    init(_ kind: MultaqaDomain.EventSeries.Kind) {
        switch kind {
        case .series: self = .series
        case .programme: self = .programme
        }
    }

    var domain: MultaqaDomain.EventSeries.Kind {
        switch self {
        case .series: .series
        case .programme: .programme
        }
    }
}

extension Components.Schemas.PartnerRole {
    init(_ role: MultaqaDomain.Partner.Role) {
        switch role {
        case .organizer: self = .organizer
        case .coOrganizer: self = .coOrganizer
        case .funder: self = .funder
        case .host: self = .host
        case .technicalPartner: self = .technicalPartner
        case .mediaPartner: self = .mediaPartner
        }
    }

    var domain: MultaqaDomain.Partner.Role {
        switch self {
        case .organizer: .organizer
        case .coOrganizer: .coOrganizer
        case .funder: .funder
        case .host: .host
        case .technicalPartner: .technicalPartner
        case .mediaPartner: .mediaPartner
        }
    }
}

extension Components.Schemas.SessionKind {
    init(_ kind: MultaqaDomain.Session.Kind) {
        switch kind {
        case .opening: self = .opening
        case .plenary: self = .plenary
        case .talk: self = .talk
        case .panel: self = .panel
        case .discussion: self = .discussion
        case .workshop: self = .workshop
        case .`break`: self = ._break
        case .closing: self = .closing
        }
    }

    var domain: MultaqaDomain.Session.Kind {
        switch self {
        case .opening: .opening
        case .plenary: .plenary
        case .talk: .talk
        case .panel: .panel
        case .discussion: .discussion
        case .workshop: .workshop
        case ._break: .`break`
        case .closing: .closing
        }
    }
}

extension Components.Schemas.ParticipantRole {
    init(_ role: MultaqaDomain.Participant.Role) {
        switch role {
        case .speaker: self = .speaker
        case .moderator: self = .moderator
        case .chair: self = .chair
        case .panelist: self = .panelist
        case .coordinator: self = .coordinator
        case .rapporteur: self = .rapporteur
        }
    }

    var domain: MultaqaDomain.Participant.Role {
        switch self {
        case .speaker: .speaker
        case .moderator: .moderator
        case .chair: .chair
        case .panelist: .panelist
        case .coordinator: .coordinator
        case .rapporteur: .rapporteur
        }
    }
}

extension Components.Schemas.ConflictList.ItemsPayloadPayload.KindPayload {
    init(_ kind: MultaqaDomain.ScheduleWarning.Kind) {
        switch kind {
        case .outsideRoomHours: self = .outsideRoomHours
        case .overRoomCapacity: self = .overRoomCapacity
        case .noTimeToMove: self = .noTimeToMove
        case .workshopStaff: self = .workshopStaff
        case .noRoom: self = .noRoom
        }
    }

    var domain: MultaqaDomain.ScheduleWarning.Kind {
        switch self {
        case .outsideRoomHours: .outsideRoomHours
        case .overRoomCapacity: .overRoomCapacity
        case .noTimeToMove: .noTimeToMove
        case .workshopStaff: .workshopStaff
        case .noRoom: .noRoom
        }
    }
}

extension Components.Schemas.AttendanceMode {
    init(_ mode: MultaqaDomain.AttendanceMode) {
        switch mode {
        case .inPerson: self = .inPerson
        case .online: self = .online
        }
    }

    var domain: MultaqaDomain.AttendanceMode {
        switch self {
        case .inPerson: .inPerson
        case .online: .online
        }
    }
}

extension Components.Schemas.AttendeeCategory {
    init(_ category: MultaqaDomain.AttendeeCategory) {
        switch category {
        case .electedOfficial: self = .electedOfficial
        case .administrativeStaff: self = .administrativeStaff
        case .consultativeBodyMember: self = .consultativeBodyMember
        case .partnerRepresentative: self = .partnerRepresentative
        case .speaker: self = .speaker
        case .press: self = .press
        case .researcher: self = .researcher
        case .student: self = .student
        case .citizen: self = .citizen
        case .other: self = .other
        }
    }

    var domain: MultaqaDomain.AttendeeCategory {
        switch self {
        case .electedOfficial: .electedOfficial
        case .administrativeStaff: .administrativeStaff
        case .consultativeBodyMember: .consultativeBodyMember
        case .partnerRepresentative: .partnerRepresentative
        case .speaker: .speaker
        case .press: .press
        case .researcher: .researcher
        case .student: .student
        case .citizen: .citizen
        case .other: .other
        }
    }
}

extension Components.Schemas.RegistrationStatus {
    init(_ status: MultaqaDomain.RegistrationStatus) {
        switch status {
        case .confirmed: self = .confirmed
        case .waitlisted: self = .waitlisted
        case .pendingApproval: self = .pendingApproval
        case .cancelled: self = .cancelled
        case .rejected: self = .rejected
        }
    }

    var domain: MultaqaDomain.RegistrationStatus {
        switch self {
        case .confirmed: .confirmed
        case .waitlisted: .waitlisted
        case .pendingApproval: .pendingApproval
        case .cancelled: .cancelled
        case .rejected: .rejected
        }
    }
}

extension Components.Schemas.RequiredField {
    init(_ field: MultaqaDomain.RegistrationField) {
        switch field {
        case .phone: self = .phone
        case .affiliation: self = .affiliation
        case .position: self = .position
        }
    }

    var domain: MultaqaDomain.RegistrationField {
        switch self {
        case .phone: .phone
        case .affiliation: .affiliation
        case .position: .position
        }
    }
}

extension Components.Schemas.RecommendationStatus {
    init(_ status: MultaqaDomain.Recommendation.Status) {
        switch status {
        case .draft: self = .draft
        case .submitted: self = .submitted
        case .adopted: self = .adopted
        case .rejected: self = .rejected
        case .merged: self = .merged
        case .inProgress: self = .inProgress
        case .implemented: self = .implemented
        }
    }

    var domain: MultaqaDomain.Recommendation.Status {
        switch self {
        case .draft: .draft
        case .submitted: .submitted
        case .adopted: .adopted
        case .rejected: .rejected
        case .merged: .merged
        case .inProgress: .inProgress
        case .implemented: .implemented
        }
    }
}

extension Components.Schemas.RecommendationPriority {
    init(_ priority: MultaqaDomain.Recommendation.Priority) {
        switch priority {
        case .low: self = .low
        case .medium: self = .medium
        case .high: self = .high
        }
    }

    var domain: MultaqaDomain.Recommendation.Priority {
        switch self {
        case .low: .low
        case .medium: .medium
        case .high: .high
        }
    }
}

extension Components.Schemas.ActorKind {
    init(_ kind: MultaqaDomain.Recommendation.ActorKind) {
        switch kind {
        case .region: self = .region
        case .prefecture: self = .prefecture
        case .province: self = .province
        case .commune: self = .commune
        case .state: self = .state
        case .partner: self = .partner
        case .civilSociety: self = .civilSociety
        case .privateSector: self = .privateSector
        }
    }

    var domain: MultaqaDomain.Recommendation.ActorKind {
        switch self {
        case .region: .region
        case .prefecture: .prefecture
        case .province: .province
        case .commune: .commune
        case .state: .state
        case .partner: .partner
        case .civilSociety: .civilSociety
        case .privateSector: .privateSector
        }
    }
}

extension Components.Schemas.DocumentKind {
    init(_ kind: MultaqaDomain.Document.Kind) {
        switch kind {
        case .recommendations: self = .recommendations
        case .strategicPlan: self = .strategicPlan
        case .programmeDescription: self = .programmeDescription
        case .slides: self = .slides
        case .agenda: self = .agenda
        case .pressRelease: self = .pressRelease
        case .photo: self = .photo
        case .other: self = .other
        }
    }

    var domain: MultaqaDomain.Document.Kind {
        switch self {
        case .recommendations: .recommendations
        case .strategicPlan: .strategicPlan
        case .programmeDescription: .programmeDescription
        case .slides: .slides
        case .agenda: .agenda
        case .pressRelease: .pressRelease
        case .photo: .photo
        case .other: .other
        }
    }
}

extension Components.Schemas.DocumentVisibility {
    init(_ visibility: MultaqaDomain.Document.Visibility) {
        switch visibility {
        case .`public`: self = ._public
        case .organizers: self = .organizers
        }
    }

    var domain: MultaqaDomain.Document.Visibility {
        switch self {
        case ._public: .`public`
        case .organizers: .organizers
        }
    }
}

extension Components.Schemas.MediaLinkKind {
    init(_ kind: MultaqaDomain.MediaLink.Kind) {
        switch kind {
        case .liveStream: self = .liveStream
        case .recording: self = .recording
        case .highlights: self = .highlights
        case .slides: self = .slides
        case .other: self = .other
        }
    }

    var domain: MultaqaDomain.MediaLink.Kind {
        switch self {
        case .liveStream: .liveStream
        case .recording: .recording
        case .highlights: .highlights
        case .slides: .slides
        case .other: .other
        }
    }
}

extension Operations.GetReport.Input.Path.ReportPayload {
    init(_ report: ReportService.Report) {
        switch report {
        case .recommendations: self = .recommendations
        case .program: self = .program
        case .attendance: self = .attendance
        }
    }

    var domain: ReportService.Report {
        switch self {
        case .recommendations: .recommendations
        case .program: .program
        case .attendance: .attendance
        }
    }
}

extension Operations.GetReport.Input.Query.FormatPayload {
    init(_ format: MultaqaReports.ReportFormat) {
        switch format {
        case .json: self = .json
        case .csv: self = .csv
        case .md: self = .md
        case .html: self = .html
        case .pdf: self = .pdf
        case .docx: self = .docx
        }
    }

    var domain: MultaqaReports.ReportFormat {
        switch self {
        case .json: .json
        case .csv: .csv
        case .md: .md
        case .html: .html
        case .pdf: .pdf
        case .docx: .docx
        }
    }
}

extension Components.Schemas.ReportFreeze.FormatPayload {
    /// One way only: a frozen report is a PDF or a Word file, a subset of the report formats.
    var domain: MultaqaReports.ReportFormat {
        switch self {
        case .pdf: .pdf
        case .docx: .docx
        }
    }
}

extension Components.Schemas.Language {
    init(_ language: MultaqaDomain.Language) {
        switch language {
        case .ar: self = .ar
        case .fr: self = .fr
        case .en: self = .en
        }
    }

    var domain: MultaqaDomain.Language {
        switch self {
        case .ar: .ar
        case .fr: .fr
        case .en: .en
        }
    }
}

extension Components.Schemas.NotificationStatus {
    init(_ status: MultaqaDomain.NotificationStatus) {
        switch status {
        case .pending: self = .pending
        case .sent: self = .sent
        case .failed: self = .failed
        }
    }

    var domain: MultaqaDomain.NotificationStatus {
        switch self {
        case .pending: .pending
        case .sent: .sent
        case .failed: .failed
        }
    }
}

extension Components.Schemas.NotificationKind {
    init(_ kind: MultaqaDomain.NotificationKind) {
        switch kind {
        case .registrationReceived: self = .registrationReceived
        case .waitlistPromoted: self = .waitlistPromoted
        case .registrationApproved: self = .registrationApproved
        case .registrationRejected: self = .registrationRejected
        case .registrationCancelled: self = .registrationCancelled
        case .manageLink: self = .manageLink
        case .eventReminder: self = .eventReminder
        case .certificateIssued: self = .certificateIssued
        case .workshopsAllocated: self = .workshopsAllocated
        }
    }
}

extension Components.Schemas.AllocationMechanism {
    init(_ mechanism: MultaqaDomain.AllocationMechanism) {
        switch mechanism {
        case .priority: self = .priority
        case .lottery: self = .lottery
        case .rankMaximal: self = .rankMaximal
        }
    }

    var domain: MultaqaDomain.AllocationMechanism {
        switch self {
        case .priority: .priority
        case .lottery: .lottery
        case .rankMaximal: .rankMaximal
        }
    }
}

extension Components.Schemas.WorkshopChoice.ModePayload {
    init(_ mode: MultaqaDomain.WorkshopChoice.Mode) {
        switch mode {
        case .atRegistration: self = .atRegistration
        case .ranked: self = .ranked
        }
    }

    var domain: MultaqaDomain.WorkshopChoice.Mode {
        switch self {
        case .atRegistration: .atRegistration
        case .ranked: .ranked
        }
    }
}

extension Components.Schemas.WebhookKind {
    init(_ kind: MultaqaDomain.WebhookKind) {
        switch kind {
        case .registrationReceived: self = .registrationReceived
        case .waitlistPromoted: self = .waitlistPromoted
        case .registrationApproved: self = .registrationApproved
        case .registrationRejected: self = .registrationRejected
        case .registrationCancelled: self = .registrationCancelled
        case .sessionChanged: self = .sessionChanged
        case .recommendationAdopted: self = .recommendationAdopted
        }
    }

    var domain: MultaqaDomain.WebhookKind {
        switch self {
        case .registrationReceived: .registrationReceived
        case .waitlistPromoted: .waitlistPromoted
        case .registrationApproved: .registrationApproved
        case .registrationRejected: .registrationRejected
        case .registrationCancelled: .registrationCancelled
        case .sessionChanged: .sessionChanged
        case .recommendationAdopted: .recommendationAdopted
        }
    }
}

extension Components.Schemas.AuditAction {
    init(_ action: MultaqaDomain.AuditAction) {
        switch action {
        case .registrationsExported: self = .registrationsExported
        case .attendanceExported: self = .attendanceExported
        case .badgesExported: self = .badgesExported
        case .personalDataPurged: self = .personalDataPurged
        }
    }

    var domain: MultaqaDomain.AuditAction {
        switch self {
        case .registrationsExported: .registrationsExported
        case .attendanceExported: .attendanceExported
        case .badgesExported: .badgesExported
        case .personalDataPurged: .personalDataPurged
        }
    }
}
