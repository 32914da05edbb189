import Crypto
import Foundation
import MultaqaDomain
import NIOCore
import PostgresNIO

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
        let next = PieceCounter(first)
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
