import Foundation
import HTTPTypes
import MultaqaDomain
import MultaqaReports
import MultaqaServices
import MultaqaStore
import OpenAPIRuntime

/// Documents of a meeting, their files, and the frozen recommendations report.
extension APIImplementation {
    /// A document the caller may know of, with its event; 404 otherwise, never 403: a private
    /// document gives no hint that it exists.
    private func visibleDocument(_ idText: String) async throws -> (Document, isOrganizer: Bool) {
        guard let id = UUID(idText: idText) else { throw DomainError.notFound(resource: "document") }
        let principal = try await optionalPrincipal()
        let isOrganizer = principal.map { $0.role >= .organizer } ?? false
        let document = try await documents.find(id: id)
        if isOrganizer { return (document, true) }
        let event = try await events.find(document.eventID.uuidString)
        guard document.isPublic(in: event), document.content != nil else { throw DomainError.notFound(resource: "document") }
        return (document, false)
    }

    /// A document of `event` as the request describes it, every rule checked.
    private func draft(_ input: Components.Schemas.DocumentInput, event: Event, actor: Principal) throws -> Document {
        try Document(
            eventID: event.id, sessionID: SchemaMapping.uuid(input.sessionId, field: "sessionId"),
            recommendationID: SchemaMapping.uuid(input.recommendationId, field: "recommendationId"),
            title: SchemaMapping.text(input.title), kind: input.kind.domain,
            language: input.language?.rawValue, visibility: input.visibility?.domain ?? .public,
            fileName: input.fileName, createdBy: "\(actor.name) (\(actor.role.rawValue))"
        ).validated()
    }

    func listDocuments(_ input: Operations.ListDocuments.Input) async throws -> Operations.ListDocuments.Output {
        let principal = try await optionalPrincipal()
        let event = try await visibleEvent(input.path.eventId, principal: principal)
        let filter = DocumentStore.Filter(
            sessionID: try SchemaMapping.uuid(input.query.sessionId, field: "sessionId"),
            recommendationID: try SchemaMapping.uuid(input.query.recommendationId, field: "recommendationId"),
            kind: input.query.kind?.domain,
            publicOnly: !(principal.map { $0.role >= .organizer } ?? false))
        let found = try await documents.list(eventID: event.id, filter)
        return .ok(.init(body: .json(.init(items: try found.map(SchemaMapping.document)))))
    }

    func createDocument(_ input: Operations.CreateDocument.Input) async throws -> Operations.CreateDocument.Output {
        let principal = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        let created: Document
        switch input.body {
        case .json(let metadata):
            created = try await documents.create(try draft(metadata, event: event, actor: principal))
        case .multipartForm(let parts):
            // The parts come in the client's order: a file sent before its metadata is stored
            // first and discarded if the metadata is refused.
            var metadata: Components.Schemas.DocumentInput?
            var upload: DocumentStore.Upload?
            var partFileName: String?
            do {
                for try await part in parts {
                    switch part {
                    case .metadata(let wrapper):
                        metadata = wrapper.payload.body
                    case .file(let wrapper):
                        guard upload == nil else { throw DomainError.invalid("file", "send one file per document") }
                        partFileName = try wrapper.filename.map { name throws(DomainError) in
                            try Document.cleanFileName(name, field: "file")
                        }
                        let claimed = (metadata?.fileName ?? partFileName).flatMap(Self.mediaType(forFileName:))
                        upload = try await documents.upload(
                            wrapper.payload.body, declaredType: claimed, limit: Int64(uploadLimit))
                    case .undocumented:
                        throw DomainError.invalid("body", "has a part other than metadata and file")
                    }
                }
                guard let metadata else { throw DomainError.invalid("metadata", "is required") }
                guard let upload else { throw DomainError.invalid("file", "is required") }
                var document = try draft(metadata, event: event, actor: principal)
                document.fileName = document.fileName ?? partFileName ?? "\(event.slug).\(upload.type.fileExtension)"
                if let claimed = document.fileName.flatMap(Self.mediaType(forFileName:)),
                    !FileType.claim(claimed, agreesWith: upload.type)
                {
                    throw DomainError.unacceptableFileType(
                        detail: "the file is named as \(claimed) but its bytes are \(upload.type.mediaType)")
                }
                created = try await documents.create(document, upload: upload)
            } catch {
                if let upload { await documents.discard(upload) }
                throw error
            }
        }
        return .created(
            .init(
                headers: .init(location: "/v1/documents/\(SchemaMapping.id(created.id))", eTag: ETag.make(created.version)),
                body: .json(try SchemaMapping.document(created))))
    }

    func getDocument(_ input: Operations.GetDocument.Input) async throws -> Operations.GetDocument.Output {
        let (document, _) = try await visibleDocument(input.path.documentId)
        return .ok(.init(headers: .init(eTag: ETag.make(document.version)), body: .json(try SchemaMapping.document(document))))
    }

    func updateDocument(_ input: Operations.UpdateDocument.Input) async throws -> Operations.UpdateDocument.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        guard let id = UUID(idText: input.path.documentId) else { throw DomainError.notFound(resource: "document") }
        var document = try await documents.find(id: id)
        let expected = try ETag.version(from: input.headers.ifMatch)
        if let value = body.title { document.title = SchemaMapping.text(value) }
        if let value = body.kind { document.kind = value.domain }
        if let value = body.language { document.language = value.rawValue }
        if let value = body.visibility { document.visibility = value.domain }
        if let value = body.fileName { document.fileName = value }
        if body.attachToEvent == true {
            document.sessionID = nil
            document.recommendationID = nil
        }
        if let value = try SchemaMapping.uuid(body.sessionId, field: "sessionId") {
            document.sessionID = value
            document.recommendationID = nil
        }
        if let value = try SchemaMapping.uuid(body.recommendationId, field: "recommendationId") {
            document.recommendationID = value
            if body.sessionId == nil { document.sessionID = nil }
        }
        let saved = try await documents.save(try document.validated(), expectedVersion: expected)
        return .ok(.init(headers: .init(eTag: ETag.make(saved.version)), body: .json(try SchemaMapping.document(saved))))
    }

    func deleteDocument(_ input: Operations.DeleteDocument.Input) async throws -> Operations.DeleteDocument.Output {
        _ = try await authorize(.organizer)
        guard let id = UUID(idText: input.path.documentId) else { throw DomainError.notFound(resource: "document") }
        _ = try await documents.delete(id: id)
        return .noContent(.init())
    }

    func getDocumentContent(_ input: Operations.GetDocumentContent.Input) async throws -> Operations.GetDocumentContent.Output {
        let (document, isOrganizer) = try await visibleDocument(input.path.documentId)
        guard let content = document.content else {
            throw DomainError.notFound(resource: "file for this document (none was uploaded yet)")
        }
        let etag = "\"\(content.sha256Hex)\""
        let cacheControl = isOrganizer || document.visibility != .public ? "private, no-cache" : "public, no-cache"
        if let ifNoneMatch = input.headers.ifNoneMatch, ProgramETag.matches(ifNoneMatch, etag) {
            return .notModified(.init(headers: .init(eTag: etag, acceptRanges: .bytes, cacheControl: cacheControl)))
        }
        // Every stored file was typed from its bytes, as one of these.
        guard let type = FileType(rawValue: content.mediaType) else {
            throw DomainError.notFound(resource: "file of a type this API serves for this document")
        }
        // Served as what the bytes were found to be, never sniffed into something else, and
        // never run as a page of this site.
        let contentSecurityPolicy = "default-src 'none'; sandbox"
        let disposition = ContentDisposition.value(
            inline: Self.showsInline(content.mediaType), fileName: document.fileName ?? "document.\(type.fileExtension)")
        // If-Range: the range only applies to the version the client holds.
        let rangeHeader = input.headers.ifRange.map { $0 == etag } == false ? nil : input.headers.range
        switch ByteRange.parse(rangeHeader, size: content.size) {
        case .unsatisfiable:
            throw DomainError.rangeBeyondFile(size: content.size)
        case .whole:
            let bytes = try await documents.bytes(of: content, range: nil)
            return .ok(
                .init(
                    headers: .init(
                        eTag: etag, acceptRanges: .bytes, cacheControl: cacheControl, xContentTypeOptions: .nosniff,
                        contentSecurityPolicy: contentSecurityPolicy, contentDisposition: disposition),
                    body: .file(type, HTTPBody(bytes, length: .known(content.size), iterationBehavior: .single))))
        case .range(let range):
            let bytes = try await documents.bytes(of: content, range: range)
            return .partialContent(
                .init(
                    headers: .init(
                        eTag: etag, acceptRanges: .bytes, cacheControl: cacheControl, xContentTypeOptions: .nosniff,
                        contentSecurityPolicy: contentSecurityPolicy, contentDisposition: disposition,
                        contentRange: "bytes \(range.start)-\(range.end)/\(content.size)"),
                    body: .file(type, HTTPBody(bytes, length: .known(range.length), iterationBehavior: .single))))
        }
    }

    func putDocumentContent(_ input: Operations.PutDocumentContent.Input) async throws -> Operations.PutDocumentContent.Output {
        _ = try await authorize(.organizer)
        guard let id = UUID(idText: input.path.documentId) else { throw DomainError.notFound(resource: "document") }
        let document = try await documents.find(id: id)
        let fileName = try input.query.fileName.map { name throws(DomainError) in try Document.cleanFileName(name) }
        guard case .any(let body) = input.body else { throw DomainError.invalid("body", "must be the file's bytes") }
        let declared = RequestScope.current?.contentType
        let upload = try await documents.upload(body, declaredType: declared, limit: Int64(uploadLimit))
        if let claimed = (fileName ?? document.fileName).flatMap(Self.mediaType(forFileName:)),
            !FileType.claim(claimed, agreesWith: upload.type)
        {
            await documents.discard(upload)
            throw DomainError.unacceptableFileType(
                detail: "the file is named as \(claimed) but its bytes are \(upload.type.mediaType)")
        }
        let saved = try await documents.replaceContent(
            documentID: document.id, upload: upload,
            fileName: fileName ?? (document.fileName == nil ? "document.\(upload.type.fileExtension)" : nil))
        return .ok(.init(headers: .init(eTag: ETag.make(saved.version)), body: .json(try SchemaMapping.document(saved))))
    }

    /// PDF and pictures open in the browser; office files and text are saved.
    static func showsInline(_ mediaType: String) -> Bool {
        [FileType.pdf.rawValue, FileType.png.rawValue, FileType.jpeg.rawValue].contains(mediaType)
    }

    /// The type a file name's extension claims, for the checks against the bytes.
    static func mediaType(forFileName name: String) -> String? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        if ext == "jpeg" { return FileType.jpeg.rawValue }
        return FileType.allCases.first { $0.fileExtension == ext }?.rawValue
    }

    // MARK: The frozen report

    func freezeRecommendationsReport(
        _ input: Operations.FreezeRecommendationsReport.Input
    ) async throws
        -> Operations.FreezeRecommendationsReport.Output
    {
        let principal = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        let languages = try ReportLanguage.parse(body.lang)
        let format = body.format?.domain ?? .pdf
        // What the public reads: adopted and later recommendations, as published.
        let output = try await ReportService(database: database).render(
            .recommendations, event: event, format: format, languages: languages, everything: false)
        let title =
            body.title.map(SchemaMapping.text)
            ?? LocalizedText(
                ar: languages.contains("ar") ? "التوصيات" : nil, fr: languages.contains("fr") ? "Recommandations" : nil,
                en: languages.contains("en") ? "Recommendations" : nil)
        let document = try Document(
            eventID: event.id, title: title, kind: .recommendations, language: languages.count == 1 ? languages[0] : nil,
            visibility: body.visibility?.domain ?? .public, fileName: output.fileName,
            createdBy: "\(principal.name) (\(principal.role.rawValue))"
        ).validated()
        let bytes = [UInt8](output.data)
        let upload = try await documents.upload(
            AsyncStream { continuation in
                continuation.yield(bytes[...])
                continuation.finish()
            }, declaredType: format.mediaType, limit: Int64(max(uploadLimit, bytes.count)))
        let created = try await documents.create(document, upload: upload)
        return .created(
            .init(
                headers: .init(location: "/v1/documents/\(SchemaMapping.id(created.id))", eTag: ETag.make(created.version)),
                body: .json(try SchemaMapping.document(created))))
    }
}

/// `Content-Disposition` with the original name in any language (RFC 6266): an ASCII fallback
/// for old clients and the UTF-8 name as `filename*` (RFC 8187), which browsers prefer.
enum ContentDisposition {
    static func value(inline: Bool, fileName: String) -> String {
        let fallback = String(
            fileName.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && scalar != "%"
                    ? Character(scalar) : "_"
            })
        return "\(inline ? "inline" : "attachment"); filename=\"\(fallback)\"; filename*=UTF-8''\(encode(fileName))"
    }

    /// RFC 8187's attr-char are kept; every other byte of the UTF-8 name is percent-encoded.
    static func encode(_ text: String) -> String {
        let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        return text.utf8.map { kept.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }
}
