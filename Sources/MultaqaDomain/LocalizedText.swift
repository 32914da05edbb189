import Foundation

/// Text that people read, in the languages our users publish in: Arabic (right to left), French
/// and English. At least one must be present where the text is required.
public struct LocalizedText: Equatable, Sendable {
    public var ar: String?
    public var fr: String?
    public var en: String?

    public init(ar: String? = nil, fr: String? = nil, en: String? = nil) {
        self.ar = ar
        self.fr = fr
        self.en = en
    }

    public var isEmpty: Bool { ar == nil && fr == nil && en == nil }

    /// One of the texts, for a message that names the thing in prose (French first, as the
    /// API's messages are written in Latin script).
    public var anyText: String { fr ?? en ?? ar ?? "" }

    /// Each present language checked as a text field (`field.ar`, …) and normalised.
    public func validated(
        _ field: String, maxLength: Int, required: Bool, allowLineBreaks: Bool = false,
        into violations: inout [FieldViolation]
    ) -> LocalizedText {
        var result = LocalizedText()
        result.ar = TextRules.clean(
            ar, field: field + ".ar", maxLength: maxLength, allowLineBreaks: allowLineBreaks, into: &violations)
        result.fr = TextRules.clean(
            fr, field: field + ".fr", maxLength: maxLength, allowLineBreaks: allowLineBreaks, into: &violations)
        result.en = TextRules.clean(
            en, field: field + ".en", maxLength: maxLength, allowLineBreaks: allowLineBreaks, into: &violations)
        if required && result.isEmpty {
            violations.append(FieldViolation(field: field, message: "needs at least one of ar, fr, en"))
        }
        return result
    }
}

/// The rules every text field follows, so that bad input never reaches the database unchecked:
/// NFC-normalised so that the same Arabic or accented word always compares equal, trimmed, no NUL
/// or other control characters except line breaks and tabs, and a documented maximum length
/// counted in characters. Right-to-left marks and emoji are text and are kept.
public enum TextRules {
    public static func clean(
        _ value: String?, field: String, maxLength: Int, allowLineBreaks: Bool = false,
        into violations: inout [FieldViolation]
    ) -> String? {
        guard let value else { return nil }
        // Most names, emails and codes: already NFC, no control character possible, one
        // character per byte, so the Unicode work has nothing to find.
        if isPrintableASCII(value) {
            return cleanASCII(value, field: field, maxLength: maxLength, into: &violations)
        }
        return cleanUnicode(value, field: field, maxLength: maxLength, allowLineBreaks: allowLineBreaks, into: &violations)
    }

    static func cleanASCII(_ value: String, field: String, maxLength: Int, into violations: inout [FieldViolation]) -> String? {
        let trimmed = trimmingSpaces(value)
        if trimmed.isEmpty { return nil }
        guard trimmed.utf8.count <= maxLength else {
            violations.append(FieldViolation(field: field, message: "must be at most \(maxLength) characters"))
            return nil
        }
        return trimmed
    }

    static func cleanUnicode(
        _ value: String, field: String, maxLength: Int, allowLineBreaks: Bool, into violations: inout [FieldViolation]
    ) -> String? {
        let normalised = value.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if normalised.isEmpty {
            return nil
        }
        if normalised.unicodeScalars.contains(where: { $0.value == 0 }) {
            violations.append(FieldViolation(field: field, message: "must not contain NUL characters"))
            return nil
        }
        let forbidden = normalised.unicodeScalars.contains { scalar in
            guard scalar.properties.generalCategory == .control else { return false }
            return !(allowLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t"))
        }
        if forbidden {
            violations.append(
                FieldViolation(
                    field: field,
                    message: allowLineBreaks
                        ? "must not contain control characters other than line breaks and tabs"
                        : "must not contain control characters or line breaks"))
            return nil
        }
        // Counted in code points, as PostgreSQL's length() counts them: a title with harakat or
        // emoji is judged the same here and in the table's CHECK.
        if normalised.unicodeScalars.count > maxLength {
            violations.append(FieldViolation(field: field, message: "must be at most \(maxLength) characters"))
            return nil
        }
        return normalised
    }

    /// Only characters from space to tilde: the text needs no normalisation and holds no control
    /// character, and its only whitespace is the space.
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Printable ASCII without its leading and trailing spaces: what trimming whitespace and
    /// newlines does to such text.
    public static func trimmingSpaces(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 }), let last = bytes.lastIndex(where: { $0 != 0x20 }) else {
            return ""
        }
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return text }
        return String(text[first...last])
    }
}
