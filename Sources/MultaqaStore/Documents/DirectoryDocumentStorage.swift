import Crypto
import Foundation
import MultaqaDomain
import NIOCore
import PostgresNIO

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

    func path(_ blobID: UUID) -> URL { directory.appendingPathComponent(blobID.idText) }
    func incoming(_ blobID: UUID) -> URL {
        directory.appendingPathComponent("incoming").appendingPathComponent(blobID.idText)
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
            guard let id = UUID(idText: name) else { return nil }
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
