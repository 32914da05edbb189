import Foundation
import MultaqaDomain
import MultaqaReports
import MultaqaTestSupport
import Testing

/// Badges read back by real readers: the PDF made by the reports' path (WeasyPrint), turned into
/// pictures by poppler's `pdftoppm`, every QR code on a page decoded by `zbarimg` (zbar-tools),
/// the names found by `pdftotext`.
@Suite("Badges")
struct BadgeSheetTests {
    static let badges: [BadgeSheet.Badge] = [
        .init(name: "فاطمة الزهراء بنعلي", category: "منتخب(ة)", affiliation: "جهة الشرق", checkInCode: "K7PQ4XM2"),
        .init(name: "Amina Alaoui", category: "منتخب(ة)", affiliation: "Commune de Saïdia", checkInCode: "ABCD2345"),
        .init(name: "يوسف El Idrissi", category: "صحافة", affiliation: nil, checkInCode: "ZX9Y8W7V"),
    ]

    @Test("libqrencode's symbol at level M, with its finder patterns; a text too long for any version is refused")
    func symbol() throws {
        let code = try QRCode("K7PQ4XM2")
        #expect(code.size >= 21 && code.modules.count == code.size * code.size)
        // The top-left finder pattern: a dark 7 × 7 ring around a light ring around a dark 3 × 3.
        #expect(code.isDark(x: 0, y: 0) && code.isDark(x: 6, y: 6) && !code.isDark(x: 1, y: 1) && code.isDark(x: 3, y: 3))
        #expect(code.svg().hasPrefix("<svg") && code.svg().contains("crispEdges"))
        #expect(throws: QRCode.Failure.notEncodable) { try QRCode(String(repeating: "x", count: 8000)) }
    }

    @Test(
        "every QR code of a sheet scans back to its check-in code, in both layouts; the names are in the text",
        arguments: BadgeSheet.Layout.allCases)
    func scans(layout: BadgeSheet.Layout) async throws {
        let sheet = BadgeSheet(
            eventTitle: "ملتقى الشبكة المغربية للجماعات الترابية المنفتحة", dates: "10 – 11 دجنبر 2024", language: .ar,
            layout: layout, badges: Self.badges)
        let printed = try PrintedPDF(
            try await ReportConverter.pdf(fromHTML: try sheet.html()), name: "badges/\(layout.rawValue)")
        #expect(printed.pages.count == (layout == .a6 ? 3 : 1))
        let grid = layout == .a6 ? (1, 1) : (2, 4)
        #expect(try printed.qrCodes(columns: grid.0, rows: grid.1).sorted() == Self.badges.map(\.checkInCode).sorted())
        let text = try printed.text()
        for name in ["Amina", "Alaoui", "Idrissi", "فاطمة", "بنعلي", "يوسف"] {
            #expect(printed.mentions(name, in: text), "\(name) is not in the PDF's text")
        }
    }
}
