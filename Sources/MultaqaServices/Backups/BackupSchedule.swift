import Foundation

/// When the daily backup runs: at a time of day (UTC), and at once (a minute after start) when
/// the last good backup is more than a day old or there is none, so that an instance restarted
/// every evening still backs up. Pure: the scheduler asks it, the tests too.
public struct BackupSchedule: Equatable, Sendable {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// "03:00" → 3 h 00; nil for anything else.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public static let startDelay: TimeInterval = 60

    public func next(after now: Date, lastGood: Date?) -> Date {
        if lastGood.map({ now.timeIntervalSince($0) > 86_400 }) ?? true {
            return now.addingTimeInterval(Self.startDelay)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var parts = calendar.dateComponents([.year, .month, .day], from: now)
        parts.hour = hour
        parts.minute = minute
        let today = calendar.date(from: parts)!
        return today > now ? today : calendar.date(byAdding: .day, value: 1, to: today)!
    }
}
