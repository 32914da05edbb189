import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Who a request comes from, for limits and logs.
public enum ClientAddress {
    public static func resolve(peer: String?, forwardedFor: String?, trusted: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard trusted.contains(peer), let forwardedFor else { return peer }
        // The proxy appends the address it saw: the last entry is the one it vouches for.
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last(where: { !trusted.contains($0) }) ?? peer
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
