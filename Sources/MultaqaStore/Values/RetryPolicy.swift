import Foundation

/// When a failed mail or webhook delivery is tried again: exponential backoff with jitter, up to
/// a number of attempts.
public struct RetryPolicy: Sendable {
    public var maximumAttempts: Int
    /// The wait after the first failure, in seconds; it doubles after each one.
    public var firstDelay: Double
    public var longestDelay: Double

    public init(maximumAttempts: Int = 10, firstDelay: Double = 30, longestDelay: Double = 3600) {
        self.maximumAttempts = maximumAttempts
        self.firstDelay = firstDelay
        self.longestDelay = longestDelay
    }

    /// Seconds until attempt `attempts + 1`, after `attempts` failures: between half and all of
    /// the doubled delay, so that deliveries that failed together do not retry together.
    public func delay(afterFailures attempts: Int) -> Double {
        let doubled = firstDelay * pow(2, Double(max(0, attempts - 1)))
        let ceiling = min(doubled, longestDelay)
        return ceiling * Double.random(in: 0.5...1)
    }
}
