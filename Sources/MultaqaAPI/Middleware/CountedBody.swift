import Hummingbird
import NIOCore

/// A request body that fails with 413 once more than `limit` bytes have come.
struct CountedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int
    let fileLimit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        let fileLimit: Int
        var count = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            count += buffer.readableBytes
            if count > limit {
                throw HTTPError(.contentTooLarge, message: "the file exceeds the limit of \(fileLimit) bytes")
            }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, fileLimit: fileLimit)
    }
}
