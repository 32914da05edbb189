import Foundation

/// Who attends, as the meetings of DOMAIN.md count them.
public enum AttendeeCategory: String, CaseIterable, Sendable {
    case electedOfficial = "elected_official", administrativeStaff = "administrative_staff"
    case consultativeBodyMember = "consultative_body_member", partnerRepresentative = "partner_representative"
    case speaker, press, researcher, student, citizen, other
}
