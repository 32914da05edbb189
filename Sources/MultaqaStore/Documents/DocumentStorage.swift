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

/// Pieces of 256 KiB: a 25 MiB file is 100 rows, and a range read fetches only the rows it covers.
let pieceSize = 256 * 1024
