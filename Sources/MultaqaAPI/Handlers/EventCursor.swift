import Foundation
import MultaqaDomain
import MultaqaStore

/// Event pages are ordered by start then id; the cursor carries both, opaque to clients.
enum EventCursor {
    static func encode(_ event: Event) -> String {
        "\(Int64((event.startsAt.timeIntervalSince1970 * 1_000_000).rounded()))_\(SchemaMapping.id(event.id))"
    }

    static func decode(_ cursor: String?) throws(DomainError) -> (Date, UUID)? {
        guard let cursor else { return nil }
        let parts = cursor.split(separator: "_")
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(idText: String(parts[1])) else {
            throw .invalid("cursor", "is not a cursor this API returned")
        }
        return (Date(timeIntervalSince1970: Double(micros) / 1_000_000), id)
    }
}
