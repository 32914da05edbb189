import Foundation

/// A room of an event, with the capacity workshops are checked against.
public struct Room: Equatable, Sendable {
    public var id: UUID
    public var eventID: UUID
    public var name: String
    public var capacity: Int?
    public var opensAt: Date?
    public var closesAt: Date?
    public var version: Int

    public init(
        id: UUID = UUID(), eventID: UUID, name: String, capacity: Int?, opensAt: Date? = nil, closesAt: Date? = nil,
        version: Int = 1
    ) {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.id = id
        self.eventID = eventID
        self.name = name
        self.capacity = capacity
        self.version = version
    }

    public func validated() throws(DomainError) -> Room {
        var violations: [FieldViolation] = []
        var room = self
        if let name = TextRules.clean(name, field: "name", maxLength: 200, into: &violations) {
            room.name = name
        } else if violations.isEmpty {
            violations.append(FieldViolation(field: "name", message: "is required"))
        }
        if let capacity, capacity < 1 || capacity > 1_000_000 {
            violations.append(FieldViolation(field: "capacity", message: "must be between 1 and 1000000"))
        }
        if let opensAt, let closesAt, closesAt <= opensAt {
            violations.append(FieldViolation(field: "closesAt", message: "must be after opensAt"))
        }
        guard violations.isEmpty else { throw .validation(violations) }
        return room
    }
}
