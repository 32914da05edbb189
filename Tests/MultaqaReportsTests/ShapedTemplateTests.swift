import MultaqaReports
import Mustache
import Testing

@Suite("Shaped templates: rendered once per shape, then filled")
struct ShapedTemplateTests {
    static let source = """
        <p lang="{{language}}">{{greeting}} <bdi>{{name}}</bdi>{{{after}}}</p>
        {{#hasFacts}}<table>{{#facts}}<tr><th>{{label}}{{colon}}</th><td>{{#lines}}<bdi>{{.}}</bdi><br>{{/lines}}</td></tr>
        {{/facts}}</table>{{/hasFacts}}{{^hasFacts}}<p>{{empty}}</p>{{/hasFacts}}
        {{#hasCode}}<code>{{code}}</code> {{{code}}}{{/hasCode}}
        {{person.name}} / {{{person.role}}}
        """

    static let texts = [
        "فاطمة الزهراء", "Saïdia & <b>Oujda</b>", "\"quoted\" 'single'", "", "\u{1}0&\u{2}", "\u{1}1&amp;\u{2}",
        "line\nbreak", "{{name}}",
    ]

    static func values(_ seed: Int, facts: Int, code: Bool) -> TemplateObject {
        func text(_ offset: Int) -> TemplateValue { .text(texts[(seed + offset) % texts.count]) }
        var values: TemplateObject = [
            "language": text(0), "greeting": text(1), "name": text(2), "after": text(3), "colon": text(4),
            "empty": text(5), "hasFacts": .flag(facts > 0),
            "facts": .list(
                (0..<facts).map { index in
                    .object(["label": text(index + 6), "lines": .list((0...index).map { text($0 + 7) })])
                }),
            "person": .object(["name": text(1), "role": text(2)]),
        ]
        if code {
            values["code"] = text(5)
            values["hasCode"] = .flag(true)
        }
        return values
    }

    @Test("Every shape, filled with hostile texts, gives exactly Mustache's own rendering, first time and after")
    func sameAsMustache() throws {
        let template = ShapedTemplate(try MustacheTemplate(string: Self.source))
        for round in 0..<3 {
            for seed in 0..<Self.texts.count {
                for facts in 0..<4 {
                    for code in [false, true] {
                        let values = Self.values(seed + round, facts: facts, code: code)
                        let filled = template.render(values)
                        #expect(filled == template.directRendering(values), "seed \(seed), \(facts) facts, code \(code)")
                    }
                }
            }
        }
        let sample = template.render(Self.values(1, facts: 1, code: true))
        // A text that looks like a hole stays that text.
        #expect(
            sample.hasPrefix(
                "<p lang=\"Saïdia &amp; &lt;b&gt;Oujda&lt;/b&gt;\">&quot;quoted&quot; &#39;single&#39; <bdi></bdi>\u{1}0&\u{2}</p>"
            ))
    }

    @Test("The same names given in another order, or one given twice, render as Mustache does")
    func order() throws {
        let template = ShapedTemplate(try MustacheTemplate(string: Self.source))
        var forward: TemplateObject = ["name": .text("Ali"), "greeting": .text("Hello"), "hasFacts": .flag(false)]
        var backward: TemplateObject = ["hasFacts": .flag(false), "greeting": .text("Bonjour"), "name": .text("Amina")]
        forward["name"] = .text("Ali & Amina")
        backward["greeting"] = nil
        backward["greeting"] = .text("Salam")
        for values in [forward, backward, forward, backward] {
            #expect(template.render(values) == template.directRendering(values))
        }
        #expect(template.render(backward).contains("Salam <bdi>Amina</bdi>"))
        #expect(template.render(forward).contains("Hello <bdi>Ali &amp; Amina</bdi>"))
    }

    @Test("A template that transforms a text is rendered directly, every time")
    func transformed() throws {
        let template = ShapedTemplate(try MustacheTemplate(string: "{{uppercased(name)}} {{reversed(name)}}!"))
        #expect(template.render(["name": .text("fatima")]) == "FATIMA amitaf!")
        #expect(template.render(["name": .text("ali")]) == "ALI ila!")
        let upper = ShapedTemplate(try MustacheTemplate(string: "{{uppercased(name)}}"))
        #expect(upper.render(["name": .text("fatima")]) == "FATIMA")
        #expect(upper.render(["name": .text("ali")]) == "ALI")
    }
}
