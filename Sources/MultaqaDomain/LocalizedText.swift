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
