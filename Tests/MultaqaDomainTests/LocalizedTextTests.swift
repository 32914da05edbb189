import Foundation
import Testing

@testable import MultaqaDomain

@Suite("LocalizedText and TextRules")
struct LocalizedTextTests {
    @Test("Arabic, French and English survive validation unchanged but for NFC and trimming")
    func keepsText() {
        var violations: [FieldViolation] = []
        let text = LocalizedText(
            ar: "  الجماعات الترابية المغربية والفرنسية في مواجهة كوفيد-19 ", fr: "Collectivite\u{301}s territoriales",
            en: "Meeting 🤝 \u{200F}RTL mark")
        let cleaned = text.validated("title", maxLength: 300, required: true, into: &violations)
        #expect(violations.isEmpty)
        #expect(cleaned.ar == "الجماعات الترابية المغربية والفرنسية في مواجهة كوفيد-19")
        #expect(cleaned.fr == "Collectivités territoriales")
        #expect(cleaned.fr?.unicodeScalars.count == "Collectivités territoriales".unicodeScalars.count)
        #expect(cleaned.en == "Meeting 🤝 \u{200F}RTL mark")
    }

    @Test("a required text needs one language; blanks count as absent")
    func requiresOneLanguage() {
        var violations: [FieldViolation] = []
        let cleaned = LocalizedText(ar: "   ", fr: nil, en: "").validated(
            "name", maxLength: 10, required: true, into: &violations)
        #expect(cleaned.isEmpty)
        #expect(violations == [FieldViolation(field: "name", message: "needs at least one of ar, fr, en")])
    }

    @Test("NUL, control characters and over-long text are refused, naming the field and the rule")
    func refusesBadText() {
        var violations: [FieldViolation] = []
        _ = LocalizedText(ar: "a\u{0}b", fr: "x\u{7}y", en: String(repeating: "é", count: 11)).validated(
            "name", maxLength: 10, required: true, into: &violations)
        #expect(violations.map(\.field) == ["name.ar", "name.fr", "name.en", "name"])
        #expect(violations[0].message == "must not contain NUL characters")
        #expect(violations[2].message == "must be at most 10 characters")
    }

    @Test("line breaks only where a field allows them")
    func lineBreaks() {
        var violations: [FieldViolation] = []
        #expect(TextRules.clean("a\nb", field: "bio", maxLength: 10, allowLineBreaks: true, into: &violations) == "a\nb")
        #expect(TextRules.clean("a\nb", field: "name", maxLength: 10, into: &violations) == nil)
        #expect(violations.map(\.field) == ["name"])
    }

    @Test("printable ASCII takes a shortcut that cleans exactly as the Unicode rules do")
    func asciiShortcut() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(" aZ09.-@'~ ")
        var samples = [
            "", " ", "   ", "a", " a ", "  Salma Idrissi  ", String(repeating: "x", count: 10),
            " " + String(repeating: "y", count: 10) + " ",
        ]
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...14, using: &generator)
            samples.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for sample in samples {
            #expect(TextRules.isPrintableASCII(sample))
            var fast: [FieldViolation] = []
            var slow: [FieldViolation] = []
            let shortcut = TextRules.cleanASCII(sample, field: "f", maxLength: 10, into: &fast)
            let general = TextRules.cleanUnicode(sample, field: "f", maxLength: 10, allowLineBreaks: false, into: &slow)
            #expect(shortcut == general, "\(sample.debugDescription)")
            #expect(fast == slow, "\(sample.debugDescription)")
        }
        #expect(!TextRules.isPrintableASCII("Collectivite\u{301}s") && !TextRules.isPrintableASCII("a\tb"))
        #expect(!TextRules.isPrintableASCII("\u{7F}") && !TextRules.isPrintableASCII("سلمى"))
    }

    @Test("text that is surely NFC and needs no trimming skips the work, and is cleaned exactly as before")
    func unicodeShortcuts() {
        var generator = SystemRandomNumberGenerator()
        // Arabic letters, harakat in any order, madda and hamza marks, Latin with accents (and a
        // combining acute), spaces of several kinds and line breaks.
        let alphabet: [Unicode.Scalar] = [
            "\u{627}", "\u{644}", "\u{645}", "\u{6CC}", "\u{622}", "\u{64E}", "\u{650}", "\u{651}", "\u{652}", "\u{653}",
            "\u{654}", "\u{655}", "\u{670}", "a", "e", "\u{E9}", "\u{301}", " ", "\u{A0}", "\u{2009}", "\n", "\u{200F}",
            "\u{85}", "\u{7F}", "1",
        ]
        var samples: [String] = ["\u{627}\u{653}", "\u{627}\u{651}\u{64E}", "\u{627}\u{64E}\u{651}", " \u{627} ", "\u{A0}"]
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...10, using: &generator)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet.randomElement(using: &generator)!) }
            samples.append(String(text))
        }
        for sample in samples {
            for lineBreaks in [false, true] {
                var fast: [FieldViolation] = []
                var slow: [FieldViolation] = []
                let cleaned = TextRules.cleanUnicode(sample, field: "f", maxLength: 8, allowLineBreaks: lineBreaks, into: &fast)
                let reference = Self.reference(sample, maxLength: 8, allowLineBreaks: lineBreaks, into: &slow)
                // Swift compares strings up to canonical equivalence: compare the code points.
                #expect(
                    cleaned.map { Array($0.unicodeScalars) } == reference.map { Array($0.unicodeScalars) },
                    "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(fast == slow, "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    /// The rules as first written, all through Foundation and the Unicode tables.
    static func reference(
        _ value: String, maxLength: Int, allowLineBreaks: Bool, into violations: inout [FieldViolation]
    ) -> String? {
        let normalised = value.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if normalised.isEmpty { return nil }
        if normalised.unicodeScalars.contains(where: { $0.value == 0 }) {
            violations.append(FieldViolation(field: "f", message: "must not contain NUL characters"))
            return nil
        }
        let forbidden = normalised.unicodeScalars.contains { scalar in
            guard scalar.properties.generalCategory == .control else { return false }
            return !(allowLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t"))
        }
        if forbidden {
            violations.append(
                FieldViolation(
                    field: "f",
                    message: allowLineBreaks
                        ? "must not contain control characters other than line breaks and tabs"
                        : "must not contain control characters or line breaks"))
            return nil
        }
        if normalised.unicodeScalars.count > maxLength {
            violations.append(FieldViolation(field: "f", message: "must be at most \(maxLength) characters"))
            return nil
        }
        return normalised
    }
}
