import Foundation
import MultaqaDomain
import Mustache

/// A certificate of attendance to print (A4, landscape): in one language, or in Arabic and French
/// side by side, with its verification code, the address where anyone checks it, and that address
/// as a QR code. HTML for the reports' HTML-to-PDF path (WeasyPrint, Amiri for Arabic).
public struct CertificateSheet: Sendable {
    /// What one language's column says; every text already in that language.
    public struct Side: Sendable, Equatable {
        public var language: Language
        public var eventTitle: String
        public var personName: String
        public var place: String?
        public var period: String
        public var days: [String]
        public var workshops: [String]
        public var organisers: [String]
        public var partners: [String]

        public init(
            language: Language, eventTitle: String, personName: String, place: String?, period: String, days: [String],
            workshops: [String], organisers: [String], partners: [String]
        ) {
            self.language = language
            self.eventTitle = eventTitle
            self.personName = personName
            self.place = place
            self.period = period
            self.days = days
            self.workshops = workshops
            self.organisers = organisers
            self.partners = partners
        }
    }

    public var sides: [Side]
    /// As stored; printed in groups of four.
    public var code: String
    public var verifyURL: String

    public init(sides: [Side], code: String, verifyURL: String) {
        self.sides = sides
        self.code = code
        self.verifyURL = verifyURL
    }

    /// A word of the certificate in `language`, from the reports' table (`certificate.*`).
    static func word(_ key: String, _ language: Language) -> String {
        ReportLabels.text("certificate." + key, language.rawValue)
    }

    static let template: MustacheTemplate = {
        // The template ships inside the binary and is tested; failing to parse it is a build defect.
        try! MustacheTemplate(string: String(decoding: PackageResources.certificate_html_mustache, as: UTF8.self))
    }()

    public func html() throws(QRCode.Failure) -> String {
        // Arabic on the right of a bilingual certificate, as a reader of both reads it.
        let ordered = sides.count > 1 ? sides.sorted { !$0.language.isRightToLeft && $1.language.isRightToLeft } : sides
        // Each day isolated (FSI … PDI): "25 مارس 2022" keeps its order inside an Arabic line.
        let columns: [[String: Any]] = ordered.map { side in
            var column: [String: Any] = [
                "lang": side.language.rawValue, "dir": side.language.isRightToLeft ? "rtl" : "ltr",
                "title": Self.word("title", side.language), "certify": Self.word("certify", side.language),
                "attended": Self.word("attended", side.language), "name": side.personName, "event": side.eventTitle,
                "daysLabel": Self.word("days", side.language),
                "days": side.days.map { "\u{2068}\($0)\u{2069}" }.joined(separator: " · "),
                "codeLabel": Self.word("code", side.language), "verifyLabel": Self.word("verify", side.language),
            ]
            column["where"] = ([side.place.map { Self.word("held", side.language) + " " + $0 }, side.period].compactMap { $0 })
                .joined(separator: side.language == .ar ? "، " : ", ")
            if !side.workshops.isEmpty {
                column["workshopsLabel"] = Self.word("workshops", side.language)
                column["workshops"] = side.workshops
            }
            if !side.organisers.isEmpty {
                column["organisersLabel"] = Self.word("organisers", side.language)
                column["organisers"] = side.organisers.joined(separator: " · ")
            }
            if !side.partners.isEmpty {
                column["partnersLabel"] = Self.word("partners", side.language)
                column["partners"] = side.partners.joined(separator: " · ")
            }
            return column
        }
        let first = sides.first?.language ?? .fr
        let context: [String: Any] = [
            "lang": sides.count > 1 ? "ar" : first.rawValue,
            "dir": sides.count == 1 && first.isRightToLeft ? "rtl" : "ltr",
            "columns": columns, "bilingual": sides.count > 1, "code": SecretCode.display(code), "url": verifyURL,
            "qr": try QRCode(verifyURL).svg(),
        ]
        return Self.template.render(context)
    }
}
