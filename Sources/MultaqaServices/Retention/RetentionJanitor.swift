import Foundation
import Logging
import MultaqaDomain
import MultaqaStore
import ServiceLifecycle

/// Erases the personal data of registrations whose event ended longer ago than its retention
/// period (the event's own, else the configured default), as attendees' own erasure does,
/// keeping what statistics need; each purge is recorded (`GET /v1/audit`). Every instance may run
/// it: a purge locks its event, and a second one finds nothing left to erase.
public struct RetentionJanitor: Service {
    let store: RetentionStore
    /// The default period in days; nil: only events with their own period are purged.
    let defaultDays: Int?
    let logger: Logger

    public init(store: RetentionStore, defaultDays: Int?, logger: Logger) {
        self.store = store
        self.defaultDays = defaultDays
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            // A minute after start, then hourly: an instance restarted daily still purges.
            var wait = Duration.seconds(60)
            while !Task.isCancelled {
                try? await Task.sleep(for: wait)
                wait = .seconds(3600)
                if Task.isCancelled { break }
                do {
                    try await purgeDue()
                } catch {
                    logger.error("retention: a purge failed; trying again in an hour", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Purges every event past its period now; returns the events purged and how many
    /// registrations each lost their personal data.
    @discardableResult
    public func purgeDue(now: Date = Date()) async throws -> [(slug: String, erased: Int)] {
        var purged: [(slug: String, erased: Int)] = []
        for holding in try await store.due(defaultDays: defaultDays, now: now) {
            let days = holding.retentionDays ?? defaultDays
            var detail = ["endedAt": Self.day(holding.endsAt)]
            if let days { detail["retentionDays"] = String(days) }
            let erased = try await store.purge(eventID: holding.eventID, by: .retentionJanitor, detail: detail)
            logger.notice(
                "retention: personal data erased", metadata: ["event": "\(holding.slug)", "registrations": "\(erased)"])
            purged.append((holding.slug, erased))
        }
        return purged
    }

    static func day(_ date: Date) -> String {
        let format = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()
        return date.formatted(format)
    }
}
