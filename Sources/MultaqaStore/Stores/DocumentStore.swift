import Foundation
import MultaqaDomain
import PostgresNIO

/// Documents' metadata and files. A file goes first into a blob of its own, checked as
/// it streams (size, type, hash); only a complete blob is taken by a document, in one statement,
/// so a failed or interrupted upload leaves no document behind and a replaced file stays
/// readable until its successor is complete.
public struct DocumentStore: Sendable {
    let database: Database
    /// Where new files go; files already stored elsewhere stay readable where they are.
    let storage: any DocumentStorage
    let directory: DirectoryDocumentStorage?

    public init(database: Database, storage: any DocumentStorage) {
        self.database = database
        self.storage = storage
        self.directory = storage as? DirectoryDocumentStorage
    }

    public struct Filter: Sendable {
        public var sessionID: UUID?
        public var recommendationID: UUID?
        public var kind: Document.Kind?
        /// Only what the public may see.
        public var publicOnly: Bool

        public init(sessionID: UUID? = nil, recommendationID: UUID? = nil, kind: Document.Kind? = nil, publicOnly: Bool) {
            self.sessionID = sessionID
            self.recommendationID = recommendationID
            self.kind = kind
            self.publicOnly = publicOnly
        }
    }

    static let columns = """
        d.id, d.event_id, d.session_id, d.recommendation_id, d.title_ar, d.title_fr, d.title_en, d.kind, d.language,
        d.visibility, d.file_name, d.created_by, d.created_at, d.updated_at, d.row_version,
        b.id, b.media_type, b.size_bytes, b.sha256, b.storage
        """

    static func document(_ row: PostgresRow) throws -> Document {
        var cells = Cells(row)
        var document = Document(
            id: try cells.next(), eventID: try cells.next(), sessionID: try cells.next(), recommendationID: try cells.next(),
            title: try cells.localized(), kind: try cells.next(),
            language: try cells.next(), visibility: try cells.next(),
            fileName: try cells.next(), createdBy: try cells.next(), createdAt: try cells.next(), updatedAt: try cells.next(),
            version: try cells.next())
        let blobID: UUID? = try cells.next()
        let mediaType: String? = try cells.next()
        let size: Int64? = try cells.next()
        let sha: ByteBuffer? = try cells.next()
        let storage: String? = try cells.next()
        if let blobID, let mediaType, let size, let sha, let storage {
            document.content = .init(
                blobID: blobID, mediaType: mediaType, size: size, sha256: Data(buffer: sha), storage: storage)
        }
        return document
    }

    /// The public documents with a file, for the program: listing needs no storage.
    static func publicDocuments(eventID: UUID, database: Database) async throws -> [Document] {
        try await DocumentStore(database: database, storage: PostgresDocumentStorage()).list(
            eventID: eventID, Filter(publicOnly: true))
    }

    // MARK: Metadata

    /// A document with its metadata only; its file comes with `replaceContent`.
    public func create(_ document: Document) async throws -> Document {
        try await insert(document, blob: nil)
    }

    public func find(id: UUID) async throws -> Document {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM documents d LEFT JOIN document_blobs b ON b.id = d.blob_id
            WHERE d.id = \(id)
            """, logger: database.logger
        ).collect()
        guard let row = rows.first else { throw DomainError.notFound(resource: "document") }
        return try Self.document(row)
    }

    /// An event's documents, oldest first. The public's are those with a file.
    public func list(eventID: UUID, _ filter: Filter) async throws -> [Document] {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM documents d LEFT JOIN document_blobs b ON b.id = d.blob_id
            WHERE d.event_id = \(eventID)
              AND (\(filter.sessionID)::uuid IS NULL OR d.session_id = \(filter.sessionID))
              AND (\(filter.recommendationID)::uuid IS NULL OR d.recommendation_id = \(filter.recommendationID))
              AND (\(filter.kind)::text IS NULL OR d.kind = \(filter.kind))
              AND (NOT \(filter.publicOnly) OR (d.visibility = 'public' AND d.blob_id IS NOT NULL))
            ORDER BY d.created_at, d.id
            """, logger: database.logger)
        return try await rows.collect().map(Self.document)
    }

    /// Writes the metadata of a document still at `expectedVersion` (nil: any).
    public func save(_ document: Document, expectedVersion: Int?) async throws -> Document {
        let d = document
        let rows = try await database.client.query(
            """
            WITH saved AS (
                UPDATE documents SET session_id = \(d.sessionID), recommendation_id = \(d.recommendationID),
                    title_ar = \(d.title.ar), title_fr = \(d.title.fr), title_en = \(d.title.en), kind = \(d.kind),
                    language = \(d.language), visibility = \(d.visibility), file_name = \(d.fileName)
                WHERE id = \(d.id) AND (\(expectedVersion)::integer IS NULL OR row_version = \(expectedVersion))
                RETURNING *
            )
            SELECT \(unescaped: Self.columns) FROM saved d LEFT JOIN document_blobs b ON b.id = d.blob_id
            """, logger: database.logger
        ).collect()
        guard let row = rows.first else {
            _ = try await find(id: d.id)
            throw DomainError.staleVersion(detail: "the document changed since version \(expectedVersion ?? 0)")
        }
        return try Self.document(row)
    }

    /// Deletes a document and its file: the blob row goes in the same statement (a trigger), the
    /// file of a directory blob right after.
    public func delete(id: UUID) async throws -> Document {
        let rows = try await database.client.query(
            """
            WITH gone AS (DELETE FROM documents WHERE id = \(id) RETURNING *)
            SELECT \(unescaped: Self.columns) FROM gone d LEFT JOIN document_blobs b ON b.id = d.blob_id
            """, logger: database.logger
        ).collect()
        guard let row = rows.first else { throw DomainError.notFound(resource: "document") }
        let document = try Self.document(row)
        if let content = document.content, content.storage == "directory" {
            await directory?.removeDetached(blobID: content.blobID)
        }
        return document
    }

    // MARK: Files

    /// A stored blob, checked and complete, that no document holds yet.
    public struct Upload: Sendable {
        public let blobID: UUID
        public let type: FileType
        public let size: Int64
        public let sha256: Data
    }

    /// Streams `bytes` into a new blob: refused past `limit` (413), or when the bytes are not an
    /// accepted type or not the one `declaredType` claims (415). On any failure, the blob and its
    /// bytes are removed before the error is thrown.
    public func upload<Bytes: AsyncSequence>(
        _ bytes: Bytes, declaredType: String?, limit: Int64
    ) async throws -> Upload where Bytes.Element == ArraySlice<UInt8> {
        let blobID = UUID()
        try await database.client.query(
            "INSERT INTO document_blobs (id, storage) VALUES (\(blobID), \(storage.name))", logger: database.logger)
        let writer = storage.write(blobID: blobID, database: database)
        do {
            var inspector = UploadInspector(limit: limit)
            for try await piece in bytes {
                try inspector.add(piece)
                try await writer.write(piece)
            }
            let result = try inspector.finish(declared: declaredType)
            try await writer.finish()
            let sha = ByteBuffer(bytes: result.sha256)
            try await database.client.query(
                """
                UPDATE document_blobs SET size_bytes = \(result.size), sha256 = \(sha), media_type = \(result.type.mediaType)
                WHERE id = \(blobID)
                """, logger: database.logger)
            return Upload(blobID: blobID, type: result.type, size: result.size, sha256: result.sha256)
        } catch {
            await writer.abort()
            throw error
        }
    }

    /// Forgets an upload that no document took (its metadata was refused).
    public func discard(_ upload: Upload) async {
        _ = try? await database.client.query("DELETE FROM document_blobs WHERE id = \(upload.blobID)", logger: database.logger)
        await directory?.removeDetached(blobID: upload.blobID)
    }

    /// A new document that holds `upload`, in one statement.
    public func create(_ document: Document, upload: Upload) async throws -> Document {
        do {
            return try await insert(document, blob: upload.blobID)
        } catch {
            await discard(upload)
            throw error
        }
    }

    private func insert(_ document: Document, blob: UUID?) async throws -> Document {
        let d = document
        let rows = try await database.client.query(
            """
            WITH created AS (
                INSERT INTO documents (id, event_id, session_id, recommendation_id, title_ar, title_fr, title_en, kind,
                    language, visibility, file_name, blob_id, created_by)
                SELECT \(d.id), \(d.eventID), \(d.sessionID), \(d.recommendationID), \(d.title.ar), \(d.title.fr),
                    \(d.title.en), \(d.kind), \(d.language), \(d.visibility), \(d.fileName), \(blob),
                    \(d.createdBy)
                WHERE \(blob)::uuid IS NULL OR EXISTS (SELECT 1 FROM document_blobs WHERE id = \(blob) AND sha256 IS NOT NULL)
                RETURNING *
            )
            SELECT \(unescaped: Self.columns) FROM created d LEFT JOIN document_blobs b ON b.id = d.blob_id
            """, logger: database.logger
        ).collect()
        guard let row = rows.first else {
            throw DomainError.unavailable(detail: "the uploaded file was removed before it could be stored; send it again")
        }
        return try Self.document(row)
    }

    /// Gives a document the file of `upload` (and a new file name), in one statement; the file it
    /// had is deleted with it.
    public func replaceContent(documentID: UUID, upload: Upload, fileName: String?) async throws -> Document {
        let rows: [PostgresRow]
        do {
            rows = try await database.client.query(
                """
                WITH old AS (
                    -- Locked, and read before the update (which joins it): a replacement racing
                    -- this one waits here, then reads the file this one leaves, so each replaced
                    -- file is removed by the one that replaced it. Unlocked, both read the same
                    -- previous file and the loser's became an orphan. No join here: on a row
                    -- updated meanwhile, PostgreSQL re-checks the locked row, not a joined one.
                    SELECT id, blob_id FROM documents WHERE id = \(documentID) FOR UPDATE
                ), saved AS (
                    UPDATE documents SET blob_id = \(upload.blobID), file_name = coalesce(\(fileName), documents.file_name)
                    FROM old
                    WHERE documents.id = old.id
                      AND EXISTS (SELECT 1 FROM document_blobs WHERE id = \(upload.blobID) AND sha256 IS NOT NULL)
                    RETURNING documents.*
                )
                SELECT \(unescaped: Self.columns), (SELECT blob_id FROM old)
                FROM saved d LEFT JOIN document_blobs b ON b.id = d.blob_id
                """, logger: database.logger
            ).collect()
        } catch {
            await discard(upload)
            throw error
        }
        guard let row = rows.first else {
            await discard(upload)
            throw DomainError.notFound(resource: "document")
        }
        let document = try Self.document(row)
        let columns = row.makeRandomAccess()
        // A file kept in PostgreSQL went with its blob row (the trigger); removing a file the
        // directory does not hold does nothing.
        if let previous = try columns[columns.count - 1].decode(UUID?.self), previous != upload.blobID {
            await directory?.removeDetached(blobID: previous)
        }
        return document
    }

    /// The bytes of a document's file, or of `range` of it.
    public func bytes(
        of content: Document.Content, range: ByteRange?
    ) async throws -> AsyncThrowingStream<ArraySlice<UInt8>, any Error> {
        let whole = ByteRange(start: 0, end: max(content.size - 1, 0))
        let reader: any DocumentStorage
        switch content.storage {
        case "postgres":
            reader = PostgresDocumentStorage()
        default:
            guard let directory else {
                throw DomainError.unavailable(
                    detail: "this document's file is kept in a files directory, and MULTAQA_FILES_DIR is not set on this instance"
                )
            }
            reader = directory
        }
        return reader.read(blobID: content.blobID, size: content.size, range: range ?? whole, database: database)
    }

    /// Removes blobs that no document took within `age` (uploads cut off by a crash, or whose
    /// metadata was refused while the service stopped), with their files.
    @discardableResult
    public func removeAbandoned(olderThan age: Duration = .seconds(3600)) async throws -> Int {
        let seconds = Double(age.components.seconds)
        let rows = try await database.client.query(
            """
            DELETE FROM document_blobs b
            WHERE b.created_at < now() - make_interval(secs => \(seconds))
              AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.blob_id = b.id)
            RETURNING b.id, b.storage
            """, logger: database.logger
        ).collect()
        for row in rows {
            let (id, storageName) = try row.decode((UUID, String).self)
            if storageName == "directory" { await directory?.removeDetached(blobID: id) }
        }
        for stale in directory?.staleIncoming(olderThan: seconds) ?? [] {
            try? FileManager.default.removeItem(at: stale)
        }
        // Files whose blob went with its event (a cascade the service does not see).
        if let directory {
            let names = directory.storedBlobs(olderThan: seconds)
            if !names.isEmpty {
                let known = try await database.client.query(
                    "SELECT id FROM document_blobs WHERE id = ANY(\(names))", logger: database.logger
                ).collect().map { try $0.decode(UUID.self) }
                for orphan in Set(names).subtracting(known) { await directory.removeDetached(blobID: orphan) }
            }
        }
        return rows.count
    }
}
