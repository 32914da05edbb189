import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MultaqaStore
import PostgresNIO
import ServiceLifecycle
import Synchronization

struct ProgramCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let programs: ProgramStore
    let cache: ProgramCache

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        let policy = context.policy
        guard let policy, policy.traits.contains(.cachedProgram) else {
            let response = try await next(request, context)
            // Read-your-writes on this instance: the announcement may arrive a moment after the
            // edit's response, so an edit here drops the programs at once.
            if response.status.kind == .successful, policy?.traits.contains(.changesPrograms) == true {
                cache.invalidateAll()
            }
            return response
        }
        // Organisers see drafts: only the public's program is cached. Slugs and ids compare
        // lower-cased.
        guard context.credential == .none, let reference = context.parameters.get("eventId")?.lowercased() else {
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
        let buffer = try await ResponseBodyCollector.collect(response.body)
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
}
