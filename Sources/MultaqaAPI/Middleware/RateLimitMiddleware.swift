import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Public writes (registering, checking in), tries of a secret (a certificate's code) and PDFs
/// made on demand are limited per client: a token bucket per
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
        guard let traits = context.policy?.traits else { return try await next(request, context) }
        // Organisers adding people by hand are not limited; a forged token is refused by the
        // handler with 401 anyway. A try of a secret is limited whatever the request carries: the
        // verification reads no token, so a made-up one would otherwise lift the limit.
        let limited =
            !traits.isDisjoint(with: [.guessable, .costly])
            || (traits.contains(.publicWrite) && !context.credential.isAPIToken)
        guard limited else { return try await next(request, context) }
        let client = ClientAddress.resolve(
            peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor], trusted: trustedProxies)
        if let wait = limiter.take(client) {
            throw HTTPError(
                .tooManyRequests, headers: [.retryAfter: String(wait)],
                message: "too many requests from this client; retry in \(wait) s")
        }
        return try await next(request, context)
    }
}
