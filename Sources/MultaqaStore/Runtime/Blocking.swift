import Foundation

/// Work that blocks its thread (a PostgreSQL tool running for minutes) on a thread of its own,
/// not on the threads that the service's tasks share (Swift's pool and the event loops).
public enum Blocking {
    public static func run<Result: Sendable>(
        _ body: @escaping @Sendable () throws(StoreError) -> Result
    ) async throws(StoreError) -> Result {
        let outcome: Swift.Result<Result, StoreError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                do throws(StoreError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try outcome.get()
    }
}
