import Crypto
import Foundation
import MultaqaDomain
import NIOCore
import PostgresNIO

public protocol BlobWriter: Sendable {
    func write(_ bytes: ArraySlice<UInt8>) async throws
    /// Everything was written: make it durable.
    func finish() async throws
    /// The upload failed: forget what was written.
    func abort() async
}
