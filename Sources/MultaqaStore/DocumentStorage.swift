import Crypto
import Foundation
import MultaqaDomain
import NIOCore
import PostgresNIO

/// Where the bytes of documents are kept: in PostgreSQL by default, so that one backup
/// holds everything and there is nothing else to run, or in a directory (`MULTAQA_FILES_DIR`) for
/// deployments with many large files. Both write a blob piece by piece and never hold a file in
/// memory: at most one piece (`pieceSize`) and the request's own buffer.
public protocol DocumentStorage: Sendable {
    /// The `document_blobs.storage` value of the blobs this storage writes.
    var name: String { get }
    /// Takes the pieces of a new blob, whose row already exists.
    func write(blobID: UUID, database: Database) -> any BlobWriter
    /// The bytes of `range` (inclusive) of a blob of `size` bytes, in pieces, read as they are sent.
    func read(
        blobID: UUID, size: Int64, range: ByteRange, database: Database
    ) -> AsyncThrowingStream<ArraySlice<UInt8>, any Error>
    /// Removes what the storage keeps outside the database for a blob whose row is gone.
    func removeDetached(blobID: UUID) async
}

public protocol BlobWriter: Sendable {
    func write(_ bytes: ArraySlice<UInt8>) async throws
    /// Everything was written: make it durable.
    func finish() async throws
    /// The upload failed: forget what was written.
    func abort() async
}

/// Pieces of 256 KiB: a 25 MiB file is 100 rows, and a range read fetches only the rows it covers.
let pieceSize = 256 * 1024

/// Bytes in `document_chunks`, one row per piece. Each piece is its own statement on any pooled
/// connection, so a slow uploader holds no connection between pieces.
public struct PostgresDocumentStorage: DocumentStorage {
    public init() {}

    public var name: String { "postgres" }

    public func write(blobID: UUID, database: Database) -> any BlobWriter {
        Writer(blobID: blobID, database: database)
    }

    final class Writer: BlobWriter, @unchecked Sendable {
        let blobID: UUID
        let database: Database
        // One upload writes from one task, in order; the lock only satisfies Sendable.
        private let lock = NSLock()
        private var buffer = ByteBuffer()
        private var seq = 0

        init(blobID: UUID, database: Database) {
            self.blobID = blobID
            self.database = database
            buffer.reserveCapacity(pieceSize)
        }

        func write(_ bytes: ArraySlice<UInt8>) async throws {
            var remaining = bytes
            while !remaining.isEmpty {
                let full: ByteBuffer? = lock.withLock {
                    let room = pieceSize - buffer.readableBytes
                    let taken = remaining.prefix(room)
                    buffer.writeBytes(taken)
                    remaining = remaining.dropFirst(taken.count)
                    guard buffer.readableBytes == pieceSize else { return nil }
                    let piece = buffer
                    buffer = ByteBuffer()
                    buffer.reserveCapacity(pieceSize)
                    return piece
                }
                if let full { try await insert(full) }
            }
        }

        func finish() async throws {
            let last: ByteBuffer? = lock.withLock {
                guard buffer.readableBytes > 0 else { return nil }
                let piece = buffer
                buffer = ByteBuffer()
                return piece
            }
            if let last { try await insert(last) }
        }

        func abort() async {
            _ = try? await database.client.query("DELETE FROM document_blobs WHERE id = \(blobID)", logger: database.logger)
        }

        private func insert(_ piece: ByteBuffer) async throws {
            let number = lock.withLock {
                defer { seq += 1 }
                return seq
            }
            try await database.client.query(
                "INSERT INTO document_chunks (blob_id, seq, data) VALUES (\(blobID), \(number), \(piece))",
                logger: database.logger)
        }
    }

    public func read(
        blobID: UUID, size: Int64, range: ByteRange, database: Database
    ) -> AsyncThrowingStream<ArraySlice<UInt8>, any Error> {
        let first = Int(range.start / Int64(pieceSize))
        let last = Int(range.end / Int64(pieceSize))
        let next = Counter(first)
        return AsyncThrowingStream(unfolding: {
            guard let seq = next.take(upTo: last) else { return nil }
            let rows = try await database.client.query(
                "SELECT data FROM document_chunks WHERE blob_id = \(blobID) AND seq = \(seq)", logger: database.logger
            ).collect()
            guard let row = rows.first else {
                throw StoreError.statementFailed(sqlState: nil, message: "piece \(seq) of blob \(blobID) is missing")
            }
            let data = try row.decode(ByteBuffer.self)
            let pieceStart = Int64(seq) * Int64(pieceSize)
            let from = Int(max(range.start - pieceStart, 0))
            let to = Int(min(range.end - pieceStart + 1, Int64(data.readableBytes)))
            guard from < to, let bytes = data.getBytes(at: data.readerIndex + from, length: to - from) else {
                throw StoreError.statementFailed(
                    sqlState: nil, message: "piece \(seq) of blob \(blobID) is shorter than recorded")
            }
            return bytes[...]
        })
    }

    public func removeDetached(blobID: UUID) async {}
}

/// Files in a directory, one per blob, named by its id. A file is written under `incoming/` and
/// moved into place once complete and flushed to disk, so no reader ever sees half a file.
public struct DirectoryDocumentStorage: DocumentStorage {
    public let directory: URL

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("incoming"), withIntermediateDirectories: true)
    }

    public var name: String { "directory" }

    func path(_ blobID: UUID) -> URL { directory.appendingPathComponent(blobID.uuidString.lowercased()) }
    func incoming(_ blobID: UUID) -> URL {
        directory.appendingPathComponent("incoming").appendingPathComponent(blobID.uuidString.lowercased())
    }

    public func write(blobID: UUID, database: Database) -> any BlobWriter {
        Writer(storage: self, blobID: blobID, database: database)
    }

    final class Writer: BlobWriter, @unchecked Sendable {
        let storage: DirectoryDocumentStorage
        let blobID: UUID
        let database: Database
        private let lock = NSLock()
        private var handle: FileHandle?

        init(storage: DirectoryDocumentStorage, blobID: UUID, database: Database) {
            self.storage = storage
            self.blobID = blobID
            self.database = database
        }

        private func file() throws -> FileHandle {
            try lock.withLock {
                if let handle { return handle }
                let url = storage.incoming(blobID)
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                    throw StoreError.statementFailed(sqlState: nil, message: "cannot create \(url.path)")
                }
                let opened = try FileHandle(forWritingTo: url)
                handle = opened
                return opened
            }
        }

        func write(_ bytes: ArraySlice<UInt8>) async throws {
            try file().write(contentsOf: bytes)
        }

        func finish() async throws {
            let handle = try file()
            try handle.synchronize()
            try handle.close()
            lock.withLock { self.handle = nil }
            try FileManager.default.moveItem(at: storage.incoming(blobID), to: storage.path(blobID))
        }

        func abort() async {
            lock.withLock {
                try? handle?.close()
                handle = nil
            }
            try? FileManager.default.removeItem(at: storage.incoming(blobID))
            try? FileManager.default.removeItem(at: storage.path(blobID))
            _ = try? await database.client.query("DELETE FROM document_blobs WHERE id = \(blobID)", logger: database.logger)
        }
    }

    public func read(
        blobID: UUID, size: Int64, range: ByteRange, database: Database
    ) -> AsyncThrowingStream<ArraySlice<UInt8>, any Error> {
        let url = path(blobID)
        let state = FileCursor(url: url, position: range.start, end: range.end)
        return AsyncThrowingStream(unfolding: { try state.next() })
    }

    public func removeDetached(blobID: UUID) async {
        try? FileManager.default.removeItem(at: path(blobID))
        try? FileManager.default.removeItem(at: incoming(blobID))
    }

    /// The blobs kept here whose files are older than `age`.
    func storedBlobs(olderThan age: TimeInterval) -> [UUID] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap { name in
            guard let id = UUID(uuidString: name) else { return nil }
            let url = directory.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
            return modified.map { Date().timeIntervalSince($0) > age } == true ? id : nil
        }
    }

    /// Files under `incoming/` older than `age`: uploads that a crash interrupted.
    func staleIncoming(olderThan age: TimeInterval) -> [URL] {
        let folder = directory.appendingPathComponent("incoming")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.map { folder.appendingPathComponent($0) }.filter { url in
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
            return modified.map { Date().timeIntervalSince($0) > age } ?? false
        }
    }
}

/// The next piece number of a read, shared by the stream's pulls.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int

    init(_ value: Int) { self.value = value }

    func take(upTo last: Int) -> Int? {
        lock.withLock {
            guard value <= last else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

/// A position in a file being sent, read a piece at a time.
private final class FileCursor: @unchecked Sendable {
    private let lock = NSLock()
    private let url: URL
    private var handle: FileHandle?
    private var position: Int64
    private let end: Int64

    init(url: URL, position: Int64, end: Int64) {
        self.url = url
        self.position = position
        self.end = end
    }

    func next() throws -> ArraySlice<UInt8>? {
        try lock.withLock {
            guard position <= end else {
                try? handle?.close()
                handle = nil
                return nil
            }
            if handle == nil {
                let opened = try FileHandle(forReadingFrom: url)
                try opened.seek(toOffset: UInt64(position))
                handle = opened
            }
            let wanted = Int(min(Int64(pieceSize), end - position + 1))
            guard let data = try handle?.read(upToCount: wanted), !data.isEmpty else {
                throw StoreError.statementFailed(sqlState: nil, message: "\(url.lastPathComponent) is shorter than recorded")
            }
            position += Int64(data.count)
            return [UInt8](data)[...]
        }
    }
}

/// What an upload is found to be while it streams through: its size (refused past the limit), its
/// SHA-256, and the first and last bytes from which its type is read.
public struct UploadInspector: Sendable {
    public let limit: Int64
    public private(set) var size: Int64 = 0
    private var hasher = SHA256()
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    private var hasNUL = false

    public init(limit: Int64) {
        self.limit = limit
    }

    public mutating func add(_ bytes: ArraySlice<UInt8>) throws(DomainError) {
        size += Int64(bytes.count)
        guard size <= limit else {
            throw .exceedsLimit(detail: "the file exceeds the limit of \(limit) bytes")
        }
        hasher.update(data: bytes)
        if head.count < FileType.headLength {
            head += bytes.prefix(FileType.headLength - head.count)
        }
        tail += bytes.suffix(FileType.tailLength)
        if tail.count > FileType.tailLength * 2 {
            tail.removeFirst(tail.count - FileType.tailLength)
        }
        if !hasNUL, bytes.contains(0) { hasNUL = true }
    }

    public struct Result: Sendable {
        public let type: FileType
        public let size: Int64
        public let sha256: Data
    }

    /// The type the bytes are, if it is accepted and agrees with the claimed one; 415 otherwise.
    public func finish(declared: String?) throws(DomainError) -> Result {
        guard size > 0 else { throw .invalid("file", "is empty") }
        guard
            let found = FileType.detect(
                head: head, tail: Array(tail.suffix(FileType.tailLength)), hasNUL: hasNUL, declared: declared)
        else {
            throw .unacceptableFileType(
                detail: "the file is not one of the accepted types (PDF, DOCX, PPTX, XLSX, ODT, PNG, JPEG, plain text, CSV)")
        }
        guard FileType.claim(declared, agreesWith: found) else {
            throw .unacceptableFileType(
                detail: "the file was sent as \(FileType.base(declared ?? "")) but its bytes are \(found.mediaType)")
        }
        return Result(type: found, size: size, sha256: Data(hasher.finalize()))
    }
}
