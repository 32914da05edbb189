import Foundation

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
        // Normalising and trimming build new strings through Foundation; most text (Arabic names
        // included) is already NFC and has nothing to trim, which is cheap to tell.
        let composed = isSurelyNFC(value) ? value : value.precomposedStringWithCanonicalMapping
        let normalised = hasPlainEdges(composed) ? composed : composed.trimmingCharacters(in: .whitespacesAndNewlines)
        if normalised.isEmpty {
            return nil
        }
        if normalised.unicodeScalars.contains(where: { $0.value == 0 }) {
            violations.append(FieldViolation(field: field, message: "must not contain NUL characters"))
            return nil
        }
        // The control characters (general category Cc) are exactly U+0000–001F and U+007F–009F.
        let forbidden = normalised.unicodeScalars.contains { scalar in
            guard scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) else { return false }
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

    /// True when `text` is certainly in NFC already: Latin-1 and the Arabic block, with combining
    /// marks in canonical order and none of the three marks (madda, hamza above and below) that
    /// compose with the letter before them. Anything else is left to Foundation to normalise.
    static func isSurelyNFC(_ text: String) -> Bool {
        var previousClass: UInt8 = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x300 {
                previousClass = 0
                continue
            }
            guard (0x600...0x6FF).contains(value), !(0x653...0x655).contains(value) else { return false }
            let combiningClass = scalar.properties.canonicalCombiningClass.rawValue
            if combiningClass != 0 && combiningClass < previousClass { return false }
            previousClass = combiningClass
        }
        return true
    }

    /// True when neither end of `text` is whitespace or a line break (what
    /// `CharacterSet.whitespacesAndNewlines` holds: the separators Z*, U+0009–000D and U+0085).
    static func hasPlainEdges(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return isPlain(first) && isPlain(last)
    }

    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: false
        default: true
        }
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
