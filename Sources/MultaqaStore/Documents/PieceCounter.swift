import Crypto
import Foundation
import MultaqaDomain
import NIOCore
import PostgresNIO

/// The next piece number of a read, shared by the stream's pulls.
final class PieceCounter: @unchecked Sendable {
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
