import Crypto
import Foundation
import MultaqaDomain
import NIOCore
import PostgresNIO

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
