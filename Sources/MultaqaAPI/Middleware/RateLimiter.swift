import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

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
