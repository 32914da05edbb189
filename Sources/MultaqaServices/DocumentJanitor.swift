import MultaqaStore
import ServiceLifecycle

/// Removes the files of uploads that no document took: cut off by a crash between the
/// last piece and the statement that attaches it. Every instance runs one; the work is one
/// DELETE, so two at once do no harm.
public struct DocumentJanitor: Service {
    let store: DocumentStore

    public init(store: DocumentStore) {
        self.store = store
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(600))
                if Task.isCancelled { break }
                _ = try? await store.removeAbandoned()
            }
        }
    }
}
