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
        guard ascii ? hasShape(ascii: email) : hasShape(email) else {
            violations.append(FieldViolation(field: field, message: "must be an email address such as name@example.org"))
            return nil
        }
        return email
    }

    /// The shape checked on the octets: the same rules as `hasShape(_:)` without walking the
    /// address character by character, which cost a registration more than the rest of its
    /// validation.
    static func hasShape(ascii email: String) -> Bool {
        let octets = email.utf8
        guard octets.count <= 254, !octets.contains(0x20),
            let at = octets.firstIndex(of: UInt8(ascii: "@")), at != octets.startIndex,
            octets.lastIndex(of: UInt8(ascii: "@")) == at
        else { return false }
        let domain = octets[octets.index(after: at)...]
        return domain.contains(UInt8(ascii: ".")) && domain.first != UInt8(ascii: ".")
            && domain.last != UInt8(ascii: ".")
    }

    static func hasShape(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let blank = email.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        })
        return email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !blank
    }
}
