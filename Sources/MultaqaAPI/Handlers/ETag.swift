import Foundation
import Logging
import MultaqaDomain
import MultaqaStore
import OpenAPIRuntime

/// ETags from row versions: strong, opaque to clients, and changed by every update whichever
/// instance made it, because the version lives in the row.
enum ETag {
    static func make(_ version: Int) -> String { "\"v\(version)\"" }

    /// The version an `If-Match` names; `*` and absent mean "any".
    static func version(from ifMatch: String?) throws(DomainError) -> Int? {
        guard let ifMatch, ifMatch != "*" else { return nil }
        let trimmed = ifMatch.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("\"v"), trimmed.hasSuffix("\""), let version = Int(trimmed.dropFirst(2).dropLast()) else {
            throw .staleVersion(detail: "If-Match must be an ETag this API sent, such as \"v3\"")
        }
        return version
    }
}
