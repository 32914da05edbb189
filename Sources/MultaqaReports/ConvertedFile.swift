import Foundation

/// A converter's output, open and already unlinked: nothing of it stays on disk once it is closed,
/// and it is read a piece at a time, so a large PDF (the badges of a whole forum) goes out without
/// being held in memory.
public final class ConvertedFile: @unchecked Sendable {
    /// Bytes read at a time: large enough for few system calls, small enough to stay out of the way.
    static let pieceSize = 64 << 10

    public let size: Int
    private let lock = NSLock()
    private var handle: FileHandle?

    init(handle: FileHandle, size: Int) {
        self.handle = handle
        self.size = size
    }

    deinit { try? handle?.close() }

    /// The next piece, or nil at the end (and the file is closed).
    public func next() throws -> ArraySlice<UInt8>? {
        try lock.withLock {
            guard let handle else { return nil }
            guard let data = try handle.read(upToCount: Self.pieceSize), !data.isEmpty else {
                try? handle.close()
                self.handle = nil
                return nil
            }
            return [UInt8](data)[...]
        }
    }

    /// The whole file, for the small ones (one badge) and for tests.
    public func data() throws -> Data {
        var whole = Data(capacity: size)
        while let piece = try next() { whole.append(contentsOf: piece) }
        return whole
    }

    /// The pieces as they are read, once.
    public func pieces() -> AsyncThrowingStream<ArraySlice<UInt8>, any Error> {
        AsyncThrowingStream(unfolding: { try self.next() })
    }
}
