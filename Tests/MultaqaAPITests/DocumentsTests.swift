import Crypto
import Foundation
import HTTPTypes
import MultaqaAPI
import MultaqaAPIClient
import MultaqaDomain
import MultaqaStore
import MultaqaTestSupport
import PostgresNIO
import Testing

/// Documents of a meeting, stored, served and protected; every scenario runs against
/// both storages, in PostgreSQL and in a directory.
@Suite("Documents")
struct DocumentsTests {
    enum Storage: String, CaseIterable, CustomStringConvertible {
        case postgres, directory
        var description: String { rawValue }

        func configuration(uploadLimit: Int = Settings.defaults.maxUploadSize) -> AppConfiguration {
            var configuration = AppConfiguration()
            configuration.maxUploadSize = uploadLimit
            if self == .directory {
                configuration.filesDirectory =
                    FileManager.default.temporaryDirectory
                    .appendingPathComponent("multaqa-files-\(UUID().uuidString)").path
            }
            return configuration
        }
    }

    /// A PDF of 700,000 bytes: three pieces of storage, so ranges cross their boundaries.
    static let pdf: [UInt8] = {
        var bytes = Array("%PDF-1.7\n%âãÏÓ\n1 0 obj <</Type /Catalog>> endobj\n".utf8)
        var state: UInt32 = 2022
        while bytes.count < 700_000 - 6 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        return bytes + Array("%%EOF\n".utf8)
    }()

    /// A 1×1 PNG.
    static let png: [UInt8] = Array(
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)

    static let arabicPDFName = "توصيات لقاء أكادير 2022.pdf"

    static func multipart(metadata: String, fileName: String, type: String, bytes: [UInt8]) -> (HTTPFields, [UInt8]) {
        let boundary = "multaqa-\(UUID().uuidString)"
        var body = Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n\(metadata)\r\n"
                .utf8)
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n"
                .utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], body)
    }

    struct Meeting {
        let event: String
        let closing: String
    }

    /// Seed 004's meeting, published, with its closing session.
    static func meeting(_ api: TestAPI, slug: String = "agadir-2022") async throws -> Meeting {
        let event = try await api.post(
            "/v1/events",
            #"{"slug": "\#(slug)", "kind": "meeting", "format": "in_person", "title": {"ar": "لقاء تواصلي حول برنامج تحسين أداء الجماعات"}, "timezone": "Africa/Casablanca", "startsAt": "2022-03-25T08:00:00Z", "endsAt": "2022-03-26T17:00:00Z", "venue": {"name": "Agadir"}}"#
        )
        #expect(event.status == .created, "\(event.body)")
        let closing = try await api.post(
            "/v1/events/\(event.id)/sessions",
            #"{"kind": "closing", "title": {"ar": "الجلسة الختامية"}, "startsAt": "2022-03-26T15:00:00Z", "endsAt": "2022-03-26T16:30:00Z"}"#
        )
        #expect(closing.status == .created, "\(closing.body)")
        #expect(try await api.patch("/v1/events/\(event.id)", #"{"status": "published"}"#).status == .ok)
        return Meeting(event: event.id, closing: closing.id)
    }

    static func blobCount() async throws -> Int {
        try await TestDatabase.current!.withDatabase { database in
            let rows = try await database.client.query("SELECT count(*) FROM document_blobs", logger: database.logger).collect()
            return try rows.first?.decode(Int.self) ?? -1
        }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test(
        "a PDF with an Arabic name: uploaded with its metadata, listed, downloaded byte for byte, 304 and ranges",
        .isolatedDatabase, arguments: Storage.allCases)
    func uploadAndServe(storage: Storage) async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp(configuration: storage.configuration()) { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await Self.meeting(api)
            let (headers, body) = Self.multipart(
                metadata:
                    #"{"title": {"ar": "التوصيات المعتمدة", "fr": "Recommandations adoptées"}, "kind": "recommendations", "language": "ar"}"#,
                fileName: Self.arabicPDFName, type: "application/pdf", bytes: Self.pdf)
            let created = try await api.request(.post, "/v1/events/\(meeting.event)/documents", headers: headers, bytes: body)
            #expect(created.status == .created, "\(created.body)")
            let document = try created.decoded(Components.Schemas.Document.self)
            #expect(document.fileName == Self.arabicPDFName)
            #expect(document.mediaType == "application/pdf")
            #expect(document.size == Int64(Self.pdf.count))
            #expect(document.sha256 == Self.sha256(Self.pdf))
            #expect(document.title.ar == "التوصيات المعتمدة")

            let listed = try await api.anonymous().get("/v1/events/\(meeting.event)/documents")
                .decoded(Components.Schemas.DocumentList.self)
            #expect(listed.items.map(\.id) == [created.id])

            let content = "/v1/documents/\(created.id)/content"
            let download = try await api.anonymous().request(.get, content, headers: [:], bytes: nil)
            #expect(download.status == .ok)
            #expect(download.bytes == Self.pdf)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(download.headers[.acceptRanges] == "bytes")
            let etag = try #require(download.headers[.eTag])
            #expect(etag == "\"\(Self.sha256(Self.pdf))\"")
            let disposition = try #require(download.headers[.contentDisposition])
            #expect(disposition.hasPrefix("inline; filename=\""))
            #expect(disposition.contains("filename*=UTF-8''" + ContentDispositionName.encoded(Self.arabicPDFName)))

            let unchanged = try await api.anonymous().request(.get, content, headers: [.ifNoneMatch: etag], bytes: nil)
            #expect(unchanged.status == .notModified)
            #expect(unchanged.bytes.isEmpty)

            let first = try await api.anonymous().request(.get, content, headers: [.range: "bytes=0-99"], bytes: nil)
            #expect(first.status == .partialContent)
            #expect(first.bytes == Array(Self.pdf[0..<100]))
            #expect(first.headers[.contentRange] == "bytes 0-99/\(Self.pdf.count)")
            let last = try await api.anonymous().request(.get, content, headers: [.range: "bytes=-500"], bytes: nil)
            #expect(last.status == .partialContent)
            #expect(last.bytes == Array(Self.pdf.suffix(500)))
            // Across the boundary between two stored pieces (256 KiB).
            let middle = try await api.anonymous().request(.get, content, headers: [.range: "bytes=262000-263999"], bytes: nil)
            #expect(middle.bytes == Array(Self.pdf[262_000...263_999]))
            let open = try await api.anonymous().request(.get, content, headers: [.range: "bytes=600000-"], bytes: nil)
            #expect(open.bytes == Array(Self.pdf[600_000...]))
            let beyond = try await api.anonymous().request(.get, content, headers: [.range: "bytes=700000-"], bytes: nil)
            #expect(beyond.status == .rangeNotSatisfiable)
            #expect(beyond.headers[.contentRange] == "bytes */\(Self.pdf.count)")
            #expect(beyond.headers[.contentType] == "application/problem+json")
            // A range for another version of the file is ignored: the whole current file comes.
            let stale = try await api.anonymous().request(
                .get, content, headers: [.range: "bytes=0-9", .ifRange: "\"0000\""], bytes: nil)
            #expect(stale.status == .ok && stale.bytes.count == Self.pdf.count)
        }
    }

    @Test(
        "a DOCX: metadata first, then its bytes with PUT; replacing keeps the old file until the new one is complete",
        .isolatedDatabase, arguments: Storage.allCases)
    func docxInTwoSteps(storage: Storage) async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp(configuration: storage.configuration()) { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await Self.meeting(api)
            // A real DOCX, as the exporter makes it.
            let report = try await api.request(
                .get, "/v1/events/\(meeting.event)/reports/program?format=docx&lang=ar", headers: [:], bytes: nil)
            #expect(report.status == .ok, "\(report.body)")
            let docx = report.bytes
            let created = try await api.post(
                "/v1/events/\(meeting.event)/documents",
                #"{"title": {"ar": "المخطط الاستراتيجي للمديرية"}, "kind": "strategic_plan", "sessionId": "\#(meeting.closing)"}"#
            )
            #expect(created.status == .created, "\(created.body)")
            #expect(created.json["size"] == nil)
            // Not public until it has a file.
            #expect(try await api.anonymous().get("/v1/documents/\(created.id)").status == .notFound)
            #expect(try await api.anonymous().get("/v1/documents/\(created.id)/content").status == .notFound)

            let name = "المخطط الاستراتيجي.docx"
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            let put = try await api.request(
                .put, "/v1/documents/\(created.id)/content?fileName=\(encoded)", headers: [.contentType: docxType], bytes: docx)
            #expect(put.status == .ok, "\(put.body)")
            let replacedDocument = try put.decoded(Components.Schemas.Document.self)
            #expect(replacedDocument.mediaType == docxType)
            #expect(replacedDocument.fileName == name)
            let download = try await api.anonymous().request(
                .get, "/v1/documents/\(created.id)/content", headers: [:], bytes: nil)
            #expect(download.bytes == docx)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)

            // A refused replacement leaves the file as it was; an accepted one replaces it.
            let refused = try await api.request(
                .put, "/v1/documents/\(created.id)/content", headers: [.contentType: "application/pdf"], bytes: Self.png)
            #expect(refused.status == .unsupportedMediaType)
            #expect(
                try await api.anonymous().request(.get, "/v1/documents/\(created.id)/content", headers: [:], bytes: nil).bytes
                    == docx)
            let replaced = try await api.request(
                .put, "/v1/documents/\(created.id)/content?fileName=plan.pdf", headers: [.contentType: "application/pdf"],
                bytes: Self.pdf)
            #expect(replaced.status == .ok, "\(replaced.body)")
            #expect(
                try await api.anonymous().request(.get, "/v1/documents/\(created.id)/content", headers: [:], bytes: nil).bytes
                    == Self.pdf)
            #expect(try await Self.blobCount() == 1)

            // In the program, under its session.
            let program = try await api.anonymous().get("/v1/events/\(meeting.event)/program")
                .decoded(Components.Schemas.Program.self)
            let closing = program.days.flatMap(\.sessions).first { $0.id == meeting.closing }
            #expect(closing?.documents?.first?.id == created.id)
        }
    }

    @Test(
        "replacements racing each other leave one blob and one file, the one served", .isolatedDatabase,
        arguments: Storage.allCases)
    func racingReplacements(storage: Storage) async throws {
        let token = try await makeToken(.organizer)
        let configuration = storage.configuration()
        try await withTestApp(configuration: configuration) { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await Self.meeting(api)
            let created = try await api.post(
                "/v1/events/\(meeting.event)/documents", #"{"title": {"fr": "Rapport"}, "kind": "other"}"#)
            #expect(created.status == .created, "\(created.body)")
            let versions = (0..<8).map {
                Array("%PDF-1.7\n% version \($0)\n".utf8) + [UInt8](repeating: UInt8($0), count: 300_000)
            }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for version in versions {
                    group.addTask {
                        try await api.request(
                            .put, "/v1/documents/\(created.id)/content", headers: [.contentType: "application/pdf"],
                            bytes: version
                        ).status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
            let served = try await api.request(.get, "/v1/documents/\(created.id)/content", headers: [:], bytes: nil)
            // Hashes, not bytes: a failure prints what it compares.
            #expect(versions.map(Self.sha256).contains(Self.sha256(served.bytes)))
            #expect(try await Self.blobCount() == 1)
            if let folder = configuration.filesDirectory {
                // Finished files only (not the incoming folder): the one served, no orphan.
                let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "incoming" }
                #expect(files.count == 1, "\(files)")
            }
        }
    }

    @Test(
        "over the limit is 413 and a PNG sent as a PDF is 415; neither leaves anything behind", .isolatedDatabase,
        arguments: Storage.allCases)
    func refusals(storage: Storage) async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp(configuration: storage.configuration(uploadLimit: 500_000)) { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await Self.meeting(api)
            let metadata = #"{"title": {"fr": "Diaporama"}, "kind": "slides"}"#
            let (headers, body) = Self.multipart(
                metadata: metadata, fileName: "atelier.pdf", type: "application/pdf", bytes: Self.pdf)
            let tooLarge = try await api.request(.post, "/v1/events/\(meeting.event)/documents", headers: headers, bytes: body)
            #expect(tooLarge.status == .contentTooLarge, "\(tooLarge.body)")
            #expect(tooLarge.headers[.contentType] == "application/problem+json")

            let (pngHeaders, pngBody) = Self.multipart(
                metadata: metadata, fileName: "atelier.pdf", type: "application/pdf", bytes: Self.png)
            let mismatch = try await api.request(
                .post, "/v1/events/\(meeting.event)/documents", headers: pngHeaders, bytes: pngBody)
            #expect(mismatch.status == .unsupportedMediaType, "\(mismatch.body)")
            #expect(try mismatch.decoded(Components.Schemas.Problem.self).detail?.contains("image/png") == true)

            let empty = try await api.post("/v1/events/\(meeting.event)/documents", metadata)
            let claimed = try await api.request(
                .put, "/v1/documents/\(empty.id)/content", headers: [.contentType: "application/pdf"], bytes: Self.png)
            #expect(claimed.status == .unsupportedMediaType)
            let executable = try await api.request(
                .put, "/v1/documents/\(empty.id)/content", headers: [.contentType: "application/octet-stream"],
                bytes: [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0])
            #expect(executable.status == .unsupportedMediaType)
            let tooLargePut = try await api.request(
                .put, "/v1/documents/\(empty.id)/content", headers: [.contentType: "application/pdf"], bytes: Self.pdf)
            #expect(tooLargePut.status == .contentTooLarge)
            // A picture is accepted as what it is.
            let picture = try await api.request(
                .put, "/v1/documents/\(empty.id)/content?fileName=photo.png", headers: [.contentType: "image/png"],
                bytes: Self.png)
            #expect(picture.status == .ok, "\(picture.body)")
            #expect(try picture.decoded(Components.Schemas.Document.self).mediaType == "image/png")

            // A form whose metadata part alone is larger than the file limit and its allowance.
            let (bigHeaders, bigBody) = Self.multipart(
                metadata: #"{"title": {"fr": "\#(String(repeating: "x", count: 2_000_000))"}, "kind": "slides"}"#,
                fileName: "photo.png", type: "image/png", bytes: Self.png)
            let hugeForm = try await api.request(
                .post, "/v1/events/\(meeting.event)/documents", headers: bigHeaders, bytes: bigBody)
            #expect(hugeForm.status == .contentTooLarge, "\(hugeForm.status)")

            #expect(try await api.get("/v1/events/\(meeting.event)/documents").items.count == 1)
            #expect(try await Self.blobCount() == 1)
        }
    }

    @Test(
        "a private document is 404 to the public and to attendees; another event's are out of reach", .isolatedDatabase,
        arguments: Storage.allCases)
    func visibility(storage: Storage) async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp(configuration: storage.configuration()) { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await Self.meeting(api)
            let other = try await Self.meeting(api, slug: "saidia-2024")
            let (headers, body) = Self.multipart(
                metadata: #"{"title": {"fr": "Notes internes"}, "kind": "other", "visibility": "organizers"}"#,
                fileName: "notes.txt", type: "text/plain", bytes: Array("ملاحظات داخلية\n".utf8))
            let secret = try await api.request(.post, "/v1/events/\(meeting.event)/documents", headers: headers, bytes: body)
            #expect(secret.status == .created, "\(secret.body)")
            #expect(try secret.decoded(Components.Schemas.Document.self).mediaType == "text/plain")

            // An attendee holds a manage token, which is no organiser's.
            #expect(
                try await api.put(
                    "/v1/events/\(meeting.event)/registration-settings", #"{"capacities": [{"mode": "in_person"}]}"#
                ).status == .ok)
            // The meeting lies in the past: organisers register people after the public window.
            let registration = try await api.post(
                "/v1/events/\(meeting.event)/registrations",
                #"{"fullName": "مشارك تجريبي", "email": "attendee@example.org", "category": "elected_official", "mode": "in_person", "consent": true}"#
            )
            #expect(registration.status == .created, "\(registration.body)")
            let attendee = TestAPI(
                client: client, token: try registration.decoded(Components.Schemas.RegistrationCreated.self).value2.manageToken)
            for caller in [api.anonymous(), attendee] {
                let unknown = try await caller.get("/v1/documents/\(UUID().uuidString.lowercased())")
                let hidden = try await caller.get("/v1/documents/\(secret.id)")
                #expect(hidden.status == unknown.status && hidden.status != .ok)
                #expect(try await caller.get("/v1/documents/\(secret.id)/content").status == unknown.status)
            }
            #expect(try await api.anonymous().get("/v1/events/\(meeting.event)/documents").items.isEmpty)
            #expect(try await api.get("/v1/events/\(meeting.event)/documents").items.count == 1)
            #expect(try await api.anonymous().get("/v1/events/\(meeting.event)/program").body.contains(secret.id) == false)

            // Another event's session cannot take this event's document, nor its list show it.
            let moved = try await api.patch("/v1/documents/\(secret.id)", #"{"sessionId": "\#(other.closing)"}"#)
            #expect(moved.status == .unprocessableContent, "\(moved.body)")
            #expect(try await api.get("/v1/events/\(other.event)/documents").items.isEmpty)
            #expect(try await api.get("/v1/events/\(meeting.event)/documents?sessionId=\(other.closing)").items.isEmpty)
            let foreign = try await api.post(
                "/v1/events/\(other.event)/documents",
                #"{"title": {"fr": "Ailleurs"}, "kind": "other", "sessionId": "\#(meeting.closing)"}"#)
            #expect(foreign.status == .unprocessableContent)

            // Made public, then deleted with its file.
            let published = try await api.patch("/v1/documents/\(secret.id)", #"{"visibility": "public"}"#, ifMatch: "\"v1\"")
            #expect(published.status == .ok, "\(published.body)")
            #expect(try await api.anonymous().get("/v1/documents/\(secret.id)/content").body == "ملاحظات داخلية\n")
            #expect(
                try await api.patch("/v1/documents/\(secret.id)", #"{"kind": "agenda"}"#, ifMatch: "\"v1\"").status
                    == .preconditionFailed)
            #expect(try await api.anonymous().delete("/v1/documents/\(secret.id)").status == .unauthorized)
            #expect(try await api.delete("/v1/documents/\(secret.id)").status == .noContent)
            #expect(try await api.get("/v1/documents/\(secret.id)").status == .notFound)
            #expect(try await api.delete("/v1/documents/\(secret.id)").status == .notFound)
            #expect(try await Self.blobCount() == 0)
        }
    }

    @Test("the adopted recommendations report frozen as a document keeps its bytes and hash", .isolatedDatabase)
    func frozenReport() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await Self.meeting(api)
            let draft = try await api.post(
                "/v1/events/\(meeting.event)/recommendations", #"{"text": {"ar": "إحداث منصة رقمية لتتبع أداء الجماعات"}}"#)
            #expect(try await api.post("/v1/recommendations/\(draft.id)/transitions", #"{"to": "submitted"}"#).status == .ok)
            #expect(try await api.post("/v1/recommendations/\(draft.id)/transitions", #"{"to": "adopted"}"#).status == .ok)
            let frozen = try await api.post(
                "/v1/events/\(meeting.event)/documents/recommendations-report", #"{"lang": "ar", "format": "docx"}"#)
            #expect(frozen.status == .created, "\(frozen.body)")
            let frozenDocument = try frozen.decoded(Components.Schemas.Document.self)
            #expect(frozenDocument.kind == .recommendations)
            let content = try await api.anonymous().request(.get, "/v1/documents/\(frozen.id)/content", headers: [:], bytes: nil)
            #expect(content.status == .ok)
            #expect(Self.sha256(content.bytes) == frozenDocument.sha256)
            // Later changes do not touch what was published.
            #expect(
                try await api.post("/v1/recommendations/\(draft.id)/transitions", #"{"to": "in_progress", "progress": 40}"#)
                    .status == .ok)
            let again = try await api.anonymous().request(.get, "/v1/documents/\(frozen.id)/content", headers: [:], bytes: nil)
            #expect(again.bytes == content.bytes)
            // The report lists it among the meeting's documents.
            let report = try await api.anonymous().get("/v1/events/\(meeting.event)/reports/recommendations?format=html&lang=ar")
            #expect(report.body.contains("/v1/documents/\(frozen.id)/content"))
        }
    }
}

/// RFC 8187's encoding of a file name, written independently of the service's.
enum ContentDispositionName {
    static func encoded(_ name: String) -> String {
        name.utf8.map { byte in
            let character = Character(UnicodeScalar(byte))
            return byte < 0x80 && (character.isLetter || character.isNumber || "!#$&+-.^_`|~".contains(character))
                ? String(character) : String(format: "%%%02X", byte)
        }.joined()
    }
}

#if canImport(Glibc)
import Glibc

/// A client that sends part of a request and hangs up, as a phone losing its network does.
enum HangingUpClient {
    static func send(port: Int, _ bytes: [UInt8]) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EBADF) }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { break }
            offset += sent
        }
    }
}

extension DocumentsTests {
    @Test(
        "an upload whose client hangs up half way leaves no document and no file", .isolatedDatabase, arguments: Storage.allCases)
    func hangUp(storage: Storage) async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp(configuration: storage.configuration(), live: true) { client in
            let api = TestAPI(client: client, token: token)
            let port = try #require(client.port)
            let meeting = try await Self.meeting(api)
            // A multipart create cut off in the middle of its file.
            let (headers, body) = Self.multipart(
                metadata: #"{"title": {"fr": "Plan"}, "kind": "strategic_plan"}"#, fileName: "plan.pdf", type: "application/pdf",
                bytes: Self.pdf)
            let head =
                "POST /v1/events/\(meeting.event)/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Type: \(headers[.contentType]!)\r\nContent-Length: \(body.count)\r\n\r\n"
            try HangingUpClient.send(port: port, Array(head.utf8) + body.prefix(400_000))
            // A replacement cut off likewise keeps the file the document had.
            let existing = try await api.post(
                "/v1/events/\(meeting.event)/documents", #"{"title": {"fr": "Diaporama"}, "kind": "slides"}"#)
            let first = try await api.request(
                .put, "/v1/documents/\(existing.id)/content", headers: [.contentType: "image/png"], bytes: Self.png)
            #expect(first.status == .ok)
            let put =
                "PUT /v1/documents/\(existing.id)/content HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Type: application/pdf\r\nContent-Length: \(Self.pdf.count)\r\n\r\n"
            try HangingUpClient.send(port: port, Array(put.utf8) + Self.pdf.prefix(300_000))

            // The service notices the hang-up when the next read fails; give it a moment (the
            // janitor waits an hour, so what is gone now was removed by the failed upload itself).
            try await Task.sleep(for: .seconds(1))
            var blobs = -1
            for _ in 0..<50 {
                blobs = try await Self.blobCount()
                if blobs == 1 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(blobs == 1)
            let listed = try await api.get("/v1/events/\(meeting.event)/documents").decoded(Components.Schemas.DocumentList.self)
                .items
            #expect(listed.count == 1 && listed.first?.mediaType == "image/png")
            let content = try await api.request(.get, "/v1/documents/\(existing.id)/content", headers: [:], bytes: nil)
            #expect(content.bytes == Self.png)
        }
    }
}
#endif

extension DocumentsTests {
    @Test("a multipart create without its file part, or not multipart at all, is a 4xx naming the problem", .isolatedDatabase)
    func malformedMultipart() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await Self.meeting(api)
            let boundary = "only-metadata"
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n"
                + #"{"title": {"fr": "Plan"}, "kind": "other"}"# + "\r\n--\(boundary)--\r\n"
            let missing = try await api.request(
                .post, "/v1/events/\(meeting.event)/documents",
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], bytes: Array(body.utf8))
            #expect(missing.status == .unprocessableContent, "\(missing.body)")
            #expect(try missing.decoded(Components.Schemas.Problem.self).detail?.contains("file") == true)
            let garbage = try await api.request(
                .post, "/v1/events/\(meeting.event)/documents",
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], bytes: Array("not a form".utf8))
            #expect(garbage.status.code >= 400 && garbage.status.code < 500, "\(garbage.body)")
            #expect(try await Self.blobCount() == 0)
        }
    }
}
