/// A use of attendees' personal data that is recorded: an export that holds it, or its erasure.
public enum AuditAction: String, CaseIterable, Sendable {
    case registrationsExported = "registrations_exported"
    case attendanceExported = "attendance_exported"
    case badgesExported = "badges_exported"
    case personalDataPurged = "personal_data_purged"
}
