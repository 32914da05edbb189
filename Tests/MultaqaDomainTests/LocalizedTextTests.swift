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
}
