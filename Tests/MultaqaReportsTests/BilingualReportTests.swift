import Foundation
import MultaqaDomain
import Testing

@testable import MultaqaReports

/// The rules of a bilingual report on the document itself, before any layout: every text has a
/// part per language so that the columns stay aligned, a text that exists in one language only
/// is shown once (the other language says where it is), and the formats without columns leave
/// those marks out. The layout in HTML and PDF is checked through the API (ReportsTests).
@Suite("Bilingual reports")
struct BilingualReportTests {
    @Test("a text written in one language is shown once; the other language's part says where it is")
    func marks() {
        let arabicOnly = ReportLanguage.cell(LocalizedText(ar: "تقوية القدرات"), ["ar", "fr"])
        #expect(arabicOnly.parts.map(\.language) == ["ar", "fr"])
        #expect(arabicOnly.parts[0].text == "تقوية القدرات" && arabicOnly.parts[0].mark == nil)
        #expect(arabicOnly.parts[1].text.isEmpty && arabicOnly.parts[1].mark == "(en arabe seulement)")
        #expect(arabicOnly.joined == "تقوية القدرات")
        let frenchOnly = ReportLanguage.cell(LocalizedText(fr: "Atelier 2"), ["ar", "fr"])
        #expect(frenchOnly.parts[0].mark == "(بالفرنسية فقط)" && frenchOnly.parts[1].text == "Atelier 2")
        // A one-language report has no other column: another language's text stands in.
        let standIn = ReportLanguage.cell(LocalizedText(fr: "Atelier 2"), ["ar"])
        #expect(standIn.parts.map(\.language) == ["fr"] && standIn.joined == "Atelier 2")
        // Both languages: each its own, no mark.
        let both = ReportLanguage.cell(LocalizedText(ar: "ورشة", fr: "Atelier"), ["ar", "fr"])
        #expect(both.parts.allSatisfy { $0.mark == nil } && both.joined == "ورشة / Atelier")
    }

    @Test("an axis is free text: its script tells its language, and its label is in both")
    func axis() {
        func heading(_ axis: String, _ languages: [String]) -> ReportDocument.Cell {
            ReportLanguage.labelled({ "\(ReportLabels.text("axis", $0)): " }, ReportLanguage.guess(axis, languages), languages)
        }
        let arabic = heading("تقييم الأداء", ["ar", "fr"])
        #expect(arabic.parts.map(\.text) == ["المحور: تقييم الأداء", "Axe:"])
        #expect(arabic.joined == "المحور: تقييم الأداء / Axe: (en arabe seulement)")
        let french = heading("Gouvernance", ["ar", "fr"])
        #expect(french.parts.map(\.text) == ["المحور:", "Axe: Gouvernance"])
        #expect(heading("Governance", ["fr", "en"]).parts.map(\.text) == ["Axe: Governance", "Axis: Governance"])
        #expect(heading("Gouvernance", ["ar"]).parts.map(\.text) == ["المحور: Gouvernance"])
    }

    @Test("names in running text: each language's own, a mark for a name written in the other only")
    func names() {
        let names = [LocalizedText(ar: "البنك الدولي", fr: "Banque mondiale"), LocalizedText(fr: "Cités Unies France")]
        #expect(
            ReportLanguage.list(names.compactMap { ReportLanguage.name($0, "ar", ["ar", "fr"]) }, "ar")
                == "البنك الدولي، (بالفرنسية فقط)")
        #expect(
            ReportLanguage.list(names.compactMap { ReportLanguage.name($0, "fr", ["ar", "fr"]) }, "fr")
                == "Banque mondiale, Cités Unies France")
        #expect(
            ReportLanguage.list(names.compactMap { ReportLanguage.name($0, "ar", ["ar"]) }, "ar")
                == "البنك الدولي، Cités Unies France")
    }

    @Test("HTML: one block per language with its own lang and dir; JSON and Markdown leave marks out")
    func formats() async throws {
        let languages = ["ar", "fr"]
        let document = ReportDocument(
            kind: "recommendations", languages: languages,
            title: ReportLanguage.cell(LocalizedText(ar: "التوصيات", fr: "Recommandations"), languages),
            cover: [ReportLanguage.label("dates", languages)],
            sections: [
                .init(
                    heading: ReportLanguage.cell(LocalizedText(ar: "تقوية القدرات"), languages),
                    paragraphs: [
                        ReportDocument.Cell(languages.map { ($0, "\(ReportLabels.text("implemented-share", $0)): 25 %") })
                    ],
                    table: .init(columns: [ReportLanguage.label("number", languages)], rows: [[.plain("R-01")]]))
            ])
        let html = ReportRenderer.html(document)
        #expect(
            html.contains(
                #"<h1 class="col" lang="ar" dir="rtl">التوصيات</h1><h1 class="col" lang="fr" dir="ltr">Recommandations</h1>"#))
        #expect(html.contains(#"<h2 class="col" lang="fr" dir="ltr"> <span class="mark">(en arabe seulement)</span></h2>"#))
        #expect(
            html.contains(
                #"<p class="col" lang="ar" dir="rtl">نسبة التوصيات المنجزة: 25 %</p><p class="col" lang="fr" dir="ltr">"#))
        #expect(!html.contains("%%"))
        let json = try #require(try JSONSerialization.jsonObject(with: ReportRenderer.json(document)) as? [String: Any])
        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(sections.first?["heading"] as? [String: String] == ["ar": "تقوية القدرات"])
        #expect(ReportRenderer.markdown(document).contains("## تقوية القدرات\n"))
    }

    @Test("a WeasyPrint older than the pinned one is refused, a newer one accepted")
    func versions() {
        #expect(ReportConverter.isAtLeast("70.0", ReportConverter.weasyPrintVersion))
        #expect(ReportConverter.isAtLeast("70.1", "70.0") && ReportConverter.isAtLeast("100", "70.0"))
        #expect(!ReportConverter.isAtLeast("57.2", "70.0") && !ReportConverter.isAtLeast("69.9", "70.0"))
    }
}
