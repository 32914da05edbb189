import Foundation
import MultaqaDomain
import MultaqaStore
import MultaqaTestSupport
import PostgresNIO
import Testing

/// Uploads that do not finish leave nothing behind, in either storage.
@Suite("Document store")
struct DocumentStoreTests {
    struct CutOff: Error {}

    enum Storage: String, CaseIterable, CustomStringConvertible {
        case postgres, directory
        var description: String { rawValue }
    }

    static func make(_ storage: Storage, database: Database) throws -> (DocumentStore, URL?) {
        switch storage {
        case .postgres:
            return (DocumentStore(database: database, storage: PostgresDocumentStorage()), nil)
        case .directory:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-store-\(UUID().uuidString)")
            return (DocumentStore(database: database, storage: try DirectoryDocumentStorage(directory: folder)), folder)
        }
    }

    static func count(_ table: String, _ database: Database) async throws -> Int {
        let query: PostgresQuery =
            table == "document_blobs"
            ? "SELECT count(*) FROM document_blobs" : "SELECT count(*) FROM document_chunks"
        return try await database.client.query(query, logger: database.logger).collect().first?.decode(Int.self) ?? -1
    }

    /// Files the directory storage holds, finished or not.
    static func files(_ folder: URL?) -> [String] {
        guard let folder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let incoming =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("incoming").path)) ?? []
        return names.filter { $0 != "incoming" } + incoming
    }

    /// 300 KiB of a PDF, then the connection drops.
    static func interrupted() -> AsyncThrowingStream<ArraySlice<UInt8>, any Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(Array("%PDF-1.7\n".utf8)[...])
            for _ in 0..<30 { continuation.yield([UInt8](repeating: 0x41, count: 10_240)[...]) }
            continuation.finish(throwing: CutOff())
        }
    }

    @Test("an upload cut off half way leaves no blob, piece or file", .isolatedDatabase, arguments: Storage.allCases)
    func cutOff(storage: Storage) async throws {
        try await TestDatabase.current!.withDatabase { database in
            let (store, folder) = try Self.make(storage, database: database)
            await #expect(throws: CutOff.self) {
                _ = try await store.upload(Self.interrupted(), declaredType: "application/pdf", limit: 1 << 20)
            }
            #expect(try await Self.count("document_blobs", database) == 0)
            #expect(try await Self.count("document_chunks", database) == 0)
            #expect(Self.files(folder).isEmpty)
        }
    }

    @Test("an upload no document took is removed by the janitor with its file", .isolatedDatabase, arguments: Storage.allCases)
    func abandoned(storage: Storage) async throws {
        try await TestDatabase.current!.withDatabase { database in
            let (store, folder) = try Self.make(storage, database: database)
            let bytes = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x42, count: 600_000)
            let upload = try await store.upload(
                AsyncStream { continuation in
                    continuation.yield(bytes[...])
                    continuation.finish()
                }, declaredType: nil, limit: 1 << 20)
            #expect(upload.type == .pdf && upload.size == Int64(bytes.count))
            #expect(try await Self.count("document_blobs", database) == 1)
            #expect(try await Self.count("document_chunks", database) == (storage == .postgres ? 3 : 0))
            #expect(Self.files(folder).count == (storage == .directory ? 1 : 0))
            // Younger than the grace period: kept, an upload may be about to be attached.
            #expect(try await store.removeAbandoned() == 0)
            #expect(try await store.removeAbandoned(olderThan: .zero) == 1)
            #expect(try await Self.count("document_blobs", database) == 0)
            #expect(try await Self.count("document_chunks", database) == 0)
            #expect(Self.files(folder).isEmpty)
        }
    }
}
