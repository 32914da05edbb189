import Foundation

/// ISO 3166-1 alpha-2 country codes, upper case ("MA", "FR", "DE").
public enum CountryCode {
    public static func validated(_ value: String?, field: String, into violations: inout [FieldViolation]) -> String? {
        guard let value else { return nil }
        let code = value.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            violations.append(FieldViolation(field: field, message: "must be an ISO 3166-1 alpha-2 code such as MA or FR"))
            return nil
        }
        return code
    }
}
