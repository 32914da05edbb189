import Foundation

public enum EmailAddress {
    /// Trimmed and lower-cased for comparison; a deliberately plain shape check (one @, a dot in
    /// the domain, no spaces): the only real check is a message that arrives.
    public static func validated(_ value: String?, field: String, into violations: inout [FieldViolation]) -> String? {
        guard let value else { return nil }
        // Printable ASCII (nearly every address) is trimmed and checked without Unicode tables.
        let ascii = TextRules.isPrintableASCII(value)
        let email = (ascii ? TextRules.trimmingSpaces(value) : value.trimmingCharacters(in: .whitespacesAndNewlines))
            .lowercased()
        if email.isEmpty { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let blank =
            ascii
            ? email.utf8.contains(0x20)
            : email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !blank
        else {
            violations.append(FieldViolation(field: field, message: "must be an email address such as name@example.org"))
            return nil
        }
        return email
    }
}
