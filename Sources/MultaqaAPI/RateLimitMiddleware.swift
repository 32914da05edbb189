import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Public writes (registering, checking in) are limited per client (issue 9): a token bucket per
/// client address, refilled continuously, answered 429 with `Retry-After` when empty. The client
/// is the peer, or the first address of `X-Forwarded-For` when the peer is a trusted proxy (the
/// load balancer), never a header a client could forge to dodge its limit.
///
/// The buckets live in each instance's memory: with N instances a client may get up to N times the
/// limit. Counting in PostgreSQL would put a shared row under every public write, the contention
/// the registration design removes; a limit is a guard against floods, not a capacity.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limiter: RateLimiter
    let trustedProxies: Set<String>

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post, Self.isPublicWrite(request.uri.path), !Self.carriesAPIToken(request) else {
            return try await next(request, context)
        }
        let client = ClientAddress.resolve(
            peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor], trusted: trustedProxies)
        if let wait = limiter.take(client) {
            throw HTTPError(
                .tooManyRequests, headers: [.retryAfter: String(wait)],
                message: "too many requests from this client; retry in \(wait) s")
        }
        return try await next(request, context)
    }

    /// Registering and checking in: what anybody may send without a token.
    static func isPublicWrite(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 4 && parts[0] == "v1" && parts[1] == "events"
            && (parts[3] == "registrations" || parts[3] == "check-ins")
    }

    /// Organisers adding people by hand are not limited; a forged token is refused by the
    /// handler with 401 anyway.
    static func carriesAPIToken(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization], header.count > 7 else { return false }
        return header.dropFirst(7).trimmingCharacters(in: .whitespaces).hasPrefix("mlq_")
    }

}

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

/// Token buckets per client: `perMinute` requests a minute, up to `burst` at once.
final class RateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let perMinute: Int
    let burst: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perMinute: Int, burst: Int? = nil) {
        self.perMinute = perMinute
        self.burst = burst ?? max(1, perMinute / 4)
    }

    /// nil when the request may go; otherwise the seconds to wait.
    func take(_ client: String, now: ContinuousClock.Instant = .now) -> Int? {
        let rate = Double(perMinute) / 60
        return buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: Double(burst), updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(Double(burst), bucket.tokens + seconds * rate)
            bucket.updated = now
            defer {
                buckets[client] = bucket
                // Forget idle clients now and then, so that memory stays bounded.
                if buckets.count > 50_000 {
                    buckets = buckets.filter { $0.value.tokens < Double(burst) }
                }
            }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
    }
}
