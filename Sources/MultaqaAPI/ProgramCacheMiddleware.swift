import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MultaqaStore
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The rendered public programs this instance served (issue 4). The program is read far more
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
        /// When the database last confirmed this entry's versions.
        var verifiedAt = ContinuousClock.now
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
                ContinuousClock.now - entry.verifiedAt < Self.trustWindow,
                // Time alone changes what a program with live streams and recordings shows (issue 7).
                entry.stamp.nextMediaChange.map({ Date() < $0 }) ?? true
            else {
                return nil
            }
            return entry
        }
    }

    /// The entry if the versions just read from the database are still its versions.
    func entry(_ reference: String, matching stamp: ProgramStore.Stamp) -> Entry? {
        state.withLock { state in
            guard var entry = state.entries[reference], entry.stamp == stamp else { return nil }
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

/// Listens on `multaqa_program` for as long as the application runs, reconnecting after a
/// database restart; the cache is trusted only while it listens.
struct ProgramCacheListener: Service {
    let cache: ProgramCache
    let database: Database

    func run() async throws {
        // Shutdown cancels the listener even while it waits for a connection that will not come.
        try? await cancelWhenGracefulShutdown { await listen() }
    }

    private func listen() async {
        while !Task.isCancelled {
            do {
                // Watched: a LISTEN written to a connection PostgreSQL has just closed would
                // otherwise wait forever (ConnectionWatch), and with it the shutdown.
                try await database.client.withHeldConnection { connection in
                    try await connection.listen(on: "multaqa_program") { notifications in
                        cache.setListening(true)
                        defer { cache.setListening(false) }
                        for try await notification in notifications {
                            if let id = UUID(uuidString: notification.payload) {
                                cache.invalidate(eventID: id)
                            } else {
                                cache.invalidateAll()
                            }
                        }
                    }
                }
            } catch {
                cache.setListening(false)
                if Task.isCancelled { break }
                database.logger.warning("program cache listener lost the database; retrying", metadata: ["error": "\(String(describing: type(of: error)))"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}

struct ProgramCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let programs: ProgramStore
    let cache: ProgramCache

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get else {
            let response = try await next(request, context)
            // Read-your-writes on this instance: the announcement may arrive a moment after the
            // edit's response, so an edit here drops the programs at once.
            if response.status.kind == .successful, Self.mayChangePrograms(request.uri.path) {
                cache.invalidateAll()
            }
            return response
        }
        guard request.headers[.authorization] == nil, let reference = Self.programReference(request.uri.path) else {
            return try await next(request, context)
        }
        if let entry = cache.trusted(reference) {
            return Self.respond(entry, request)
        }
        let ticket = cache.ticket
        guard let stamp = try await programs.stamp(reference), stamp.isPublic else {
            return try await next(request, context)
        }
        if let entry = cache.entry(reference, matching: stamp) {
            return Self.respond(entry, request)
        }
        let response = try await next(request, context)
        guard response.status == .ok, let etag = response.headers[.eTag] else { return response }
        var body = response.body
        let buffer = try await Self.collect(&body)
        var headers = response.headers
        headers[.contentLength] = String(buffer.readableBytes)
        headers[.transferEncoding] = nil
        headers[RequestLogMiddleware.header] = nil
        cache.store(.init(stamp: stamp, etag: etag, body: buffer, headers: headers), for: reference, ticket: ticket)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }

    private static func respond(_ entry: ProgramCache.Entry, _ request: Request) -> Response {
        if let ifNoneMatch = request.headers[.ifNoneMatch], ProgramETag.matches(ifNoneMatch, entry.etag) {
            var headers = entry.headers
            headers[.contentLength] = nil
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: entry.headers, body: .init(byteBuffer: entry.body))
    }

    /// `/v1/events/{eventId}/program` → `{eventId}`, lower-cased (slugs and ids compare so).
    static func programReference(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == 4, parts[0] == "v1", parts[1] == "events", parts[3] == "program" else { return nil }
        return parts[2].lowercased()
    }

    /// Writes to what a program shows: events and their schedule, people, organizations, series.
    /// Registrations and the like (later resources under an event) do not show in it.
    static func mayChangePrograms(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0] == "v1" else { return false }
        switch parts[1] {
        case "people", "organizations", "series", "documents", "links":
            return true
        case "events":
            let notShown: Set<Substring> = [
                "registrations", "registrations.csv", "registration-settings", "invitations", "check-ins", "attendance",
                "recommendations",
            ]
            return parts.count < 4 || !notShown.contains(parts[3])
        default:
            return false
        }
    }

    private static func collect(_ body: inout ResponseBody) async throws -> ByteBuffer {
        let collector = BufferCollector()
        try await body.write(collector)
        return collector.buffer.withLock { $0 }
    }
}

/// Gathers a response body written through Hummingbird's writer interface.
private final class BufferCollector: ResponseBodyWriter, Sendable {
    let buffer = Mutex(ByteBuffer())

    func write(_ buffer: ByteBuffer) async throws {
        self.buffer.withLock { existing in
            var incoming = buffer
            existing.writeBuffer(&incoming)
        }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
