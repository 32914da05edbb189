import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Gathers a response body written through Hummingbird's writer interface, for the middlewares
/// that keep an answer (the program cache, idempotency) as well as send it.
final class ResponseBodyCollector: ResponseBodyWriter, Sendable {
    private let buffer = Mutex(ByteBuffer())

    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = ResponseBodyCollector()
        try await body.write(collector)
        return collector.buffer.withLock { $0 }
    }

    func write(_ buffer: ByteBuffer) async throws {
        self.buffer.withLock { existing in
            var incoming = buffer
            existing.writeBuffer(&incoming)
        }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
