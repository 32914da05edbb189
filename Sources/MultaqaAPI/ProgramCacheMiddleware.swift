import Foundation
import HTTPTypes
import Hummingbird
import MultaqaStore
import Synchronization

/// The public program is read far more often than it is written (every attendee's phone, venue
/// screens, schedule apps polling). This middleware keeps each program's rendered bytes, keyed by
/// the event's and the program's versions, which PostgreSQL bumps in the same transaction as any
/// edit (issue 4). Every request still reads the versions (one indexed query), so an edit made
/// through any instance changes the answer at once; only the rebuild and the encoding are saved.
/// Requests with credentials and drafts go to the handler untouched.
struct ProgramCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    final class Store: Sendable {
        struct Entry: Sendable {
            let stamp: ProgramStore.Stamp
            let etag: String
            let body: ByteBuffer
            let headers: HTTPFields
        }

        private let entries = Mutex<[UUID: Entry]>([:])

        func entry(for stamp: ProgramStore.Stamp) -> Entry? {
            entries.withLock { $0[stamp.eventID] }.flatMap { $0.stamp == stamp ? $0 : nil }
        }

        func store(_ entry: Entry) {
            entries.withLock { entries in
                // A bounded cache: a deployment serves a handful of live events at a time.
                if entries.count >= 256, entries[entry.stamp.eventID] == nil { entries.removeAll() }
                entries[entry.stamp.eventID] = entry
            }
        }
    }

    let programs: ProgramStore
    let store = Store()

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get, request.headers[.authorization] == nil,
            let reference = Self.programReference(request.uri.path)
        else {
            return try await next(request, context)
        }
        guard let stamp = try await programs.stamp(reference), stamp.isPublic else {
            return try await next(request, context)
        }
        if let entry = store.entry(for: stamp) {
            if let ifNoneMatch = request.headers[.ifNoneMatch], ProgramETag.matches(ifNoneMatch, entry.etag) {
                var headers = entry.headers
                headers[.contentLength] = nil
                headers[.contentType] = nil
                return Response(status: .notModified, headers: headers)
            }
            return Response(status: .ok, headers: entry.headers, body: .init(byteBuffer: entry.body))
        }
        let response = try await next(request, context)
        guard response.status == .ok, let etag = response.headers[.eTag] else { return response }
        var body = response.body
        let buffer = try await Self.collect(&body)
        var headers = response.headers
        headers[.contentLength] = String(buffer.readableBytes)
        headers[.transferEncoding] = nil
        store.store(.init(stamp: stamp, etag: etag, body: buffer, headers: headers))
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// `/v1/events/{eventId}/program` → `{eventId}`.
    static func programReference(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == 4, parts[0] == "v1", parts[1] == "events", parts[3] == "program" else { return nil }
        return String(parts[2])
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
