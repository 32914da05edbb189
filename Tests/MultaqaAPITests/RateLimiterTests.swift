import Foundation
import Testing

@testable import MultaqaAPI

/// The token buckets behind the public writes' limit, on a clock the tests move by hand. No
/// database: these run in milliseconds.
@Suite("Rate limiter")
struct RateLimiterTests {
    let start = ContinuousClock.now

    func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int(seconds * 1000)) }

    @Test("a burst of a quarter of the minute's allowance, then the seconds until the next token")
    func burstThenWait() {
        let limiter = RateLimiter(perMinute: 12)
        #expect(limiter.burst == 3)
        #expect((0..<3).map { _ in limiter.take("a", now: start) } == [nil, nil, nil])
        // 12 a minute is one token every 5 s.
        #expect(limiter.take("a", now: start) == 5)
        #expect(limiter.take("a", now: at(2)) == 3)
        #expect(limiter.take("a", now: at(5)) == nil)
        #expect(limiter.take("a", now: at(5)) == 5)
    }

    @Test("a refused request does not use a token up: waiting the time told is enough")
    func refusalsAreFree() {
        let limiter = RateLimiter(perMinute: 60, burst: 1)
        #expect(limiter.take("a", now: start) == nil)
        for _ in 0..<10 { #expect(limiter.take("a", now: start) == 1) }
        #expect(limiter.take("a", now: at(1)) == nil)
    }

    @Test("the wait is whole seconds rounded up, never 0")
    func waitRoundsUp() {
        // 7 a minute: a token every 8.57 s.
        let limiter = RateLimiter(perMinute: 7, burst: 1)
        #expect(limiter.take("a", now: start) == nil)
        #expect(limiter.take("a", now: start) == 9)
        #expect(limiter.take("a", now: at(8.5)) == 1)
        #expect(limiter.take("a", now: at(8.6)) == nil)
    }

    @Test("an idle client gets back its burst, never more")
    func refillCapsAtBurst() {
        let limiter = RateLimiter(perMinute: 12)
        for _ in 0..<3 { _ = limiter.take("a", now: start) }
        let later = at(3600)
        #expect((0..<3).map { _ in limiter.take("a", now: later) } == [nil, nil, nil])
        #expect(limiter.take("a", now: later) == 5)
    }

    @Test("clients have their own buckets")
    func clientsAreSeparate() {
        let limiter = RateLimiter(perMinute: 4)
        #expect(limiter.burst == 1)
        #expect(limiter.take("203.0.113.9", now: start) == nil)
        #expect(limiter.take("203.0.113.9", now: start) == 15)
        #expect(limiter.take("198.51.100.1", now: start) == nil)
    }

    @Test("a limit below four a minute still lets one request through")
    func smallLimits() {
        let limiter = RateLimiter(perMinute: 1)
        #expect(limiter.burst == 1)
        #expect(limiter.take("a", now: start) == nil)
        #expect(limiter.take("a", now: start) == 60)
    }
}
