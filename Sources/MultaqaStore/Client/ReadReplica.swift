import Foundation
import Logging
import Synchronization

/// A streaming replica that takes reads off the primary without ever serving them stale.
///
/// A read may go to the replica only when the replica has replayed every change that the read
/// must show. Each read names a *freshness mark*: a value that PostgreSQL changes in the same
/// transaction as every change the read shows (for a programme, its event's row version and its
/// program version, bumped by triggers). The mark is read on the primary, then on the replica
/// before and after the read itself: when all three agree, the replica had replayed the last
/// commit that changed what the read shows, and none was replayed while it read. Otherwise the
/// read runs again on the primary. This is the "replay position against commit position" rule
/// with the commit named by its effect: an LSN alone would send every read to the primary while
/// registrations stream in, though none of them changes a programme.
///
/// A replica that lags costs one small read; a replica that fails (down, refusing, slow to hand
/// a connection) is left alone for `pause` and its reads go to the primary meanwhile.
public final class ReadReplica: Sendable {
    /// Where a read was served from, counted for `/metrics` and the benchmark.
    public enum Outcome: String, CaseIterable, Sendable {
        case replica
        /// The replica had not replayed the change yet (or replayed one during the read).
        case lagging
        /// The replica failed or was being left alone after a failure.
        case unavailable
    }

    public let database: Database
    let pause: Duration
    private let pausedUntil = Mutex<ContinuousClock.Instant?>(nil)
    private let counts = Mutex<[Outcome: Int]>([:])

    public init(database: Database, pause: Duration = .seconds(5)) {
        self.database = database
        self.pause = pause
    }

    /// How many reads each outcome had since start.
    public var served: [Outcome: Int] { counts.withLock { $0 } }

    /// `read` on the replica when its `mark` equals the primary's, else on `primary`.
    public func read<Mark: Equatable & Sendable, Result: Sendable>(
        primary: Database, mark: @escaping @Sendable (Database) async throws -> Mark,
        _ read: @escaping @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        if let until = pausedUntil.withLock({ $0 }), ContinuousClock.now < until {
            count(.unavailable)
            return try await read(primary)
        }
        let wanted = try await mark(primary)
        let attempt: Result?
        do {
            attempt = try await fresh(wanted, mark: mark, read)
        } catch {
            pausedUntil.withLock { $0 = ContinuousClock.now + pause }
            database.logger.warning(
                "read replica failed; reads go to the primary for a while",
                metadata: ["error": "\(String(describing: error))", "pause": "\(pause)"])
            count(.unavailable)
            return try await read(primary)
        }
        guard let attempt else {
            count(.lagging)
            return try await read(primary)
        }
        count(.replica)
        return attempt
    }

    /// The read on the replica, or nil when the replica's mark is not `wanted` before or after.
    private func fresh<Mark: Equatable & Sendable, Result: Sendable>(
        _ wanted: Mark, mark: @escaping @Sendable (Database) async throws -> Mark,
        _ read: @escaping @Sendable (Database) async throws -> Result
    ) async throws -> Result? {
        guard try await mark(database) == wanted else { return nil }
        let result = try await read(database)
        guard try await mark(database) == wanted else { return nil }
        return result
    }

    private func count(_ outcome: Outcome) {
        counts.withLock { $0[outcome, default: 0] += 1 }
    }
}
