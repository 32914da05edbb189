import Foundation
import MultaqaDomain

/// The organisers' list of registrations as a spreadsheet.
public enum RegistrationsCSV {
    public static let header = [
        "id", "status", "waitlist_position", "mode", "full_name", "email", "phone", "category", "collectivity_code",
        "collectivity", "organization_id", "affiliation", "position", "workshops", "check_in_code", "registered_at",
        "consent_at", "source",
    ]

    public static func render(
        _ registrations: [Registration], workshopTitles: [UUID: String], collectivityNames: [String: String]
    ) -> String {
        let time = ISO8601DateFormatter()
        let rows = registrations.map { registration -> [String] in
            var code = ""
            var organization = ""
            var text = ""
            switch registration.affiliation {
            case .collectivity(let value): code = value
            case .organization(let id): organization = id.idText
            case .text(let value): text = value
            case nil: break
            }
            return [
                registration.id.idText, registration.status.rawValue,
                registration.waitlistPosition.map(String.init) ?? "", registration.mode.rawValue,
                registration.fullName ?? "", registration.email ?? "", registration.phone ?? "",
                registration.category.rawValue, code, collectivityNames[code] ?? "", organization, text,
                registration.position ?? "",
                registration.workshops.map { workshopTitles[$0] ?? $0.idText }.joined(separator: "; "),
                CheckInCode.display(registration.checkInCode), time.string(from: registration.createdAt),
                time.string(from: registration.consentAt), registration.source,
            ]
        }
        return CSV.document(header: header, rows: rows)
    }
}
