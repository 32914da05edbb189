import Foundation

/// A series of meetings or a programme that events belong to: seed 000's series of virtual
/// meetings, seed 004's communes performance programme. Follow-up across events
/// (recommendations) filters by it.
public struct EventSeries: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case series, programme
    }

    public var id: UUID
    public var kind: Kind
    public var name: LocalizedText

    public init(id: UUID = UUID(), kind: Kind, name: LocalizedText) {
        self.id = id
        self.kind = kind
        self.name = name
    }

    public func validated() throws(DomainError) -> EventSeries {
        var violations: [FieldViolation] = []
        var series = self
        series.name = name.validated("name", maxLength: 300, required: true, into: &violations)
        guard violations.isEmpty else { throw .validation(violations) }
        return series
    }
}
