import Foundation
import Logging
import MultaqaDomain
import MultaqaStore
import OpenAPIRuntime

/// Cursor pagination: the cursor is the last id of the page, opaque to clients.
enum PageCursor {
    static func decode(_ cursor: String?) throws(DomainError) -> UUID? {
        guard let cursor else { return nil }
        guard let id = UUID(idText: cursor) else {
            throw .invalid("cursor", "is not a cursor this API returned")
        }
        return id
    }

    /// A cursor over rows numbered by the database (notifications, webhook deliveries).
    static func decodeNumber(_ cursor: String?) throws(DomainError) -> Int64? {
        guard let cursor else { return nil }
        guard let number = Int64(cursor), number > 0 else {
            throw .invalid("cursor", "is not a cursor this API returned")
        }
        return number
    }

    static func limit(_ requested: Int?) throws(DomainError) -> Int {
        let limit = requested ?? 50
        guard (1...200).contains(limit) else {
            throw .invalid("limit", "must be between 1 and 200")
        }
        return limit
    }
}
