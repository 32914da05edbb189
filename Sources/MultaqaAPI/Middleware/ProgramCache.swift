import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MultaqaStore
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The rendered public programs this instance served. The program is read far more
/// often than it is written (every attendee's phone, venue screens, schedule apps polling).
///
/// Freshness: PostgreSQL bumps a program's version in the same transaction as any edit that shows
/// in it and announces the event on the `multaqa_program` channel at commit. While this instance
/// listens, a cached program is served without touching the database and dropped when its event
/// is announced; an edit made through this instance drops it before the edit's response leaves.
/// While the listener is down (database restart), every request checks the versions (one indexed
/// read) instead, so a missed announcement can never keep a stale program.
public final class ProgramCache: Sendable {
    struct Entry: Sendable {
        let stamp: ProgramStore.Stamp
        let etag: String
        let body: ByteBuffer
        let headers: HTTPFields
        /// When time alone changes the entry (an event page once registration opens or closes).
        var expiresAt: Date?
        /// When the database last confirmed this entry's versions.
        var verifiedAt = ContinuousClock.now

        init(stamp: ProgramStore.Stamp, etag: String, body: ByteBuffer, headers: HTTPFields, expiresAt: Date? = nil) {
            self.stamp = stamp
            self.etag = etag
            self.body = body
            self.headers = headers
            self.expiresAt = expiresAt
        }

        var isCurrent: Bool {
            let now = Date()
            // Time alone changes what a program with live streams and recordings shows.
            return (stamp.nextMediaChange.map { now < $0 } ?? true) && (expiresAt.map { now < $0 } ?? true)
        }
    }

    /// Announcements can be lost without an error (a half-open connection, a pooler in front of
    /// PostgreSQL): an entry is trusted on the listener's word for this long after the database
    /// last confirmed it, and checked again after.
    static let trustWindow: Duration = .seconds(30)

    private struct State {
        var listening = false
        /// Keyed by the reference the client used (id or slug, lower-cased).
        var entries: [String: Entry] = [:]
        /// Counts invalidations: a program read before one may not be stored after it.
        var invalidations = 0
    }

    private let state = Mutex(State())

    public init() {}

    var isListening: Bool { state.withLock { $0.listening } }

    func setListening(_ listening: Bool) {
        state.withLock { state in
            state.listening = listening
            state.entries.removeAll()
            state.invalidations += 1
        }
    }

    /// Served without a database read only while the listener runs.
    func trusted(_ reference: String) -> Entry? {
        state.withLock { state in
            guard state.listening, let entry = state.entries[reference],
                ContinuousClock.now - entry.verifiedAt < Self.trustWindow, entry.isCurrent
            else {
                return nil
            }
            return entry
        }
    }

    /// The entry if the versions just read from the database are still its versions.
    func entry(_ reference: String, matching stamp: ProgramStore.Stamp) -> Entry? {
        state.withLock { state in
            guard var entry = state.entries[reference], entry.stamp == stamp, entry.expiresAt.map({ Date() < $0 }) ?? true
            else { return nil }
            entry.verifiedAt = ContinuousClock.now
            state.entries[reference] = entry
            return entry
        }
    }

    var ticket: Int { state.withLock { $0.invalidations } }

    func store(_ entry: Entry, for reference: String, ticket: Int) {
        state.withLock { state in
            guard state.invalidations == ticket else { return }
            // Bounded: a deployment serves a handful of live events at a time.
            if state.entries.count >= 256, state.entries[reference] == nil { state.entries.removeAll() }
            state.entries[reference] = entry
        }
    }

    func invalidate(eventID: UUID) {
        state.withLock { state in
            state.invalidations += 1
            state.entries = state.entries.filter { $0.value.stamp.eventID != eventID }
        }
    }

    func invalidateAll() {
        state.withLock { state in
            state.invalidations += 1
            state.entries.removeAll()
        }
    }
}
