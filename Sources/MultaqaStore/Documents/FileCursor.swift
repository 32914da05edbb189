import Crypto
import Foundation
import MultaqaDomain
import NIOCore
import PostgresNIO

/// A position in a file being sent, read a piece at a time.
final class FileCursor: @unchecked Sendable {
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
