import Foundation
import MultaqaDomain
import Mustache

/// Badges to print: one per registration, with the name as written (Arabic shaped and right to
/// left, Latin left to right, each isolated), the category and affiliation in the badge's
/// language, the event and its dates, and a QR code of the check-in code. HTML for the same
/// HTML-to-PDF path as the reports (WeasyPrint, Amiri for Arabic).
public struct BadgeSheet: Sendable {
    public enum Layout: String, CaseIterable, Sendable {
        /// One badge per A6 page (a badge holder's size).
        case a6
        /// Eight badges of 105 × 74 mm on each A4 page, to cut.
        case a4x8 = "a4-8"
    }

    public struct Badge: Sendable, Equatable {
        public var name: String
        /// Already in the badge's language.
        public var category: String
        public var affiliation: String?
        /// What the QR code holds: the check-in code as the scanner types it.
        public var checkInCode: String

        public init(name: String, category: String, affiliation: String?, checkInCode: String) {
            self.name = name
            self.category = category
            self.affiliation = affiliation
            self.checkInCode = checkInCode
        }
    }

    public var eventTitle: String
    public var dates: String
    public var language: Language
    public var layout: Layout
    public var badges: [Badge]

    public init(eventTitle: String, dates: String, language: Language, layout: Layout, badges: [Badge]) {
        self.eventTitle = eventTitle
        self.dates = dates
        self.language = language
        self.layout = layout
        self.badges = badges
    }

    static let template: MustacheTemplate = {
        // The template ships inside the binary and is tested; failing to parse it is a build defect.
        try! MustacheTemplate(string: String(decoding: PackageResources.badges_html_mustache, as: UTF8.self))
    }()

    /// Badges per printed page.
    public var perPage: Int {
        switch layout {
        case .a6: 1
        case .a4x8: 8
        }
    }

    /// Pages of the PDF, to tell progress by.
    public var pageCount: Int { (badges.count + perPage - 1) / perPage }

    public func html() throws(QRCode.Failure) -> String {
        var rendered: [[String: Any]] = []
        rendered.reserveCapacity(badges.count)
        for badge in badges {
            var entry: [String: Any] = [
                "name": badge.name, "category": badge.category, "code": CheckInCode.display(badge.checkInCode),
                "qr": try QRCode(badge.checkInCode).svg(),
            ]
            if let affiliation = badge.affiliation { entry["affiliation"] = affiliation }
            rendered.append(entry)
        }
        // One grid per page: WeasyPrint lays out a single grid of hundreds of badges across pages
        // in minutes, and a page's grid in milliseconds.
        let pages = stride(from: 0, to: rendered.count, by: perPage).map { start in
            ["badges": Array(rendered[start..<min(start + perPage, rendered.count)])]
        }
        let context: [String: Any] = [
            "lang": language.rawValue, "dir": language.isRightToLeft ? "rtl" : "ltr", "eventTitle": eventTitle,
            "dates": dates, "a6": layout == .a6, "badges": rendered, "pages": pages,
        ]
        return Self.template.render(context)
    }
}
