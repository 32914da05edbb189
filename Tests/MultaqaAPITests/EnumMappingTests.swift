import MultaqaDomain
import MultaqaReports
import MultaqaServices
import MultaqaStore
import Testing

@testable import MultaqaAPI

/// Every value of every enumeration in the contract reaches the service and comes back as itself,
/// under the same word the database stores, and every value of the service has a word in the
/// contract. The switches of `EnumMapping.swift` make a missing case a compile error; this checks
/// that no case is mapped to the wrong one. No database: these run in milliseconds.
@Suite("Enum mapping")
struct EnumMappingTests {
    /// One contract enumeration and its counterpart, checked both ways.
    struct Pair: Sendable, CustomTestStringConvertible {
        let name: String
        /// What went wrong, one line per case; empty when every case round-trips.
        let mismatches: [String]

        var testDescription: String { name }

        static func of<Contract, Inner>(
            _ contract: Contract.Type, _ inner: Inner.Type,
            domain: @escaping @Sendable (Contract) -> Inner, contract back: @escaping @Sendable (Inner) -> Contract
        ) -> Pair
        where
            Contract: CaseIterable & RawRepresentable & Equatable, Contract.RawValue == String,
            Inner: CaseIterable & RawRepresentable & Equatable, Inner.RawValue == String
        {
            var found: [String] = []
            for value in Contract.allCases {
                let inside = domain(value)
                if back(inside) != value { found.append("\(value) comes back as \(back(inside))") }
                if inside.rawValue != value.rawValue { found.append("\(value) is stored as \(inside.rawValue)") }
            }
            for value in Inner.allCases where domain(back(value)) != value {
                found.append("\(value) comes back as \(domain(back(value)))")
            }
            return Pair(
                name: EnumMappingTests.typeName(Contract.self) + " ↔ " + EnumMappingTests.typeName(Inner.self),
                mismatches: found)
        }
    }

    /// `SeriesCreate.KindPayload`, not `KindPayload`: several generated types share a last name.
    static func typeName(_ type: Any.Type) -> String {
        let prefixes: Set<Substring> = ["MultaqaAPI", "MultaqaDomain", "MultaqaReports", "Components", "Schemas"]
        return String(reflecting: type).split(separator: ".").drop(while: prefixes.contains).joined(separator: ".")
    }

    static let pairs: [Pair] = [
        .of(Components.Schemas.OrganizationKind.self, Organization.Kind.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.EventKind.self, Event.Kind.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.EventFormat.self, Event.Format.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.EventStatus.self, Event.Status.self, domain: \.domain, contract: { .init($0) }),
        .of(
            Components.Schemas.SeriesCreate.KindPayload.self, EventSeries.Kind.self,
            domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.Series.KindPayload.self, EventSeries.Kind.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.PartnerRole.self, Partner.Role.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.SessionKind.self, Session.Kind.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.ParticipantRole.self, Participant.Role.self, domain: \.domain, contract: { .init($0) }),
        .of(
            Components.Schemas.ConflictList.ItemsPayloadPayload.KindPayload.self, ScheduleWarning.Kind.self,
            domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.AttendanceMode.self, AttendanceMode.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.AttendeeCategory.self, AttendeeCategory.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.RegistrationStatus.self, RegistrationStatus.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.RequiredField.self, RegistrationField.self, domain: \.domain, contract: { .init($0) }),
        .of(
            Components.Schemas.RecommendationStatus.self, Recommendation.Status.self,
            domain: \.domain, contract: { .init($0) }),
        .of(
            Components.Schemas.RecommendationPriority.self, Recommendation.Priority.self,
            domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.ActorKind.self, Recommendation.ActorKind.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.DocumentKind.self, Document.Kind.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.DocumentVisibility.self, Document.Visibility.self, domain: \.domain, contract: { .init($0) }),
        .of(Components.Schemas.MediaLinkKind.self, MediaLink.Kind.self, domain: \.domain, contract: { .init($0) }),
        .of(
            Operations.GetReport.Input.Path.ReportPayload.self, ReportService.Report.self,
            domain: \.domain, contract: { .init($0) }),
        .of(
            Operations.GetReport.Input.Query.FormatPayload.self, ReportFormat.self,
            domain: \.domain, contract: { .init($0) }),
    ]

    @Test("every case round-trips through the service and back, under the stored word", arguments: pairs)
    func roundTrip(_ pair: Pair) {
        #expect(pair.mismatches == [])
    }

    @Test("a frozen report's formats are report formats of the same name")
    func freezeFormats() {
        for format in Components.Schemas.ReportFreeze.FormatPayload.allCases {
            #expect(format.domain.rawValue == format.rawValue)
        }
    }

    @Test("values the service keeps as text convert to the contract's, or fail naming the stored text")
    func storedText() throws {
        for language in Components.Schemas.ContentLanguage.allCases {
            #expect(try SchemaMapping.language(language.rawValue) == language)
        }
        #expect(try SchemaMapping.language(nil) == nil)
        #expect(throws: UnknownStoredValue(type: "ContentLanguage", value: "es")) { try SchemaMapping.language("es") }
        for kind in Components.Schemas.Collectivity.KindPayload.allCases {
            #expect(try Components.Schemas.Collectivity.KindPayload(stored: kind.rawValue) == kind)
        }
        #expect(throws: UnknownStoredValue.self) { try Components.Schemas.Collectivity.KindPayload(stored: "district") }
    }
}
