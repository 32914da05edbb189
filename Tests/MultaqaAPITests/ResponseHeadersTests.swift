import Foundation
import HTTPTypes
import MultaqaTestSupport
@_spi(Generated) import OpenAPIRuntime
import Testing

@testable import MultaqaAPI

/// Response headers are declared in the contract and set in the generated outputs; they reach the
/// client exactly as the handler set them.
@Suite("Response headers")
struct ResponseHeadersTests {
    static let arabicName = "توصيات أكادير 2022.pdf"
    /// `ContentDisposition.value(inline: true, fileName: arabicName)`, written out by hand.
    static let arabicDisposition =
        "inline; filename=\"______ ______ 2022.pdf\"; "
        + "filename*=UTF-8''%D8%AA%D9%88%D8%B5%D9%8A%D8%A7%D8%AA%20%D8%A3%D9%83%D8%A7%D8%AF%D9%8A%D8%B1%202022.pdf"

    /// What swift-openapi-runtime's own `setHeaderFieldAsURI` writes, as the generated serializer
    /// would without the project's `String` overload (`Converter+HeaderValues.swift`), which it
    /// picks because it lives in the same module. The tests below that run the app check on the
    /// wire that the overload's raw values are the ones that leave.
    static func runtime(_ values: [(HTTPField.Name, String)]) throws -> HTTPFields {
        func set<Value: Encodable>(_ converter: Converter, _ fields: inout HTTPFields, _ name: String, _ value: Value) throws {
            try converter.setHeaderFieldAsURI(in: &fields, name: name, value: value)
        }
        let converter = Converter(configuration: .init())
        var fields = HTTPFields()
        for (name, value) in values { try set(converter, &fields, name.rawName, value) }
        return fields
    }

    static let values: [(HTTPField.Name, String)] = [
        (.eTag, #""v1""#),
        (.eTag, #""p3-e12-m0""#),
        (.eTag, "\"" + String(repeating: "ab09", count: 16) + "\""),
        (.location, "/v1/events/3f2a/sessions/77c1"),
        (.cacheControl, "public, max-age=0, must-revalidate"),
        (.contentSecurityPolicy, "default-src 'none'; sandbox"),
        (.contentRange, "bytes 0-99/700000"),
        (.contentDisposition, Self.arabicDisposition),
        (.contentDisposition, #"attachment; filename="100% sure.csv""#),
        (.acceptRanges, "bytes"),
    ]

    @Test("the runtime percent-encodes header values, so a quoted ETag, a path and a file name would go out wrong")
    func runtimeEncoding() throws {
        let fields = try Self.runtime([
            (.eTag, #""v1""#), (.location, "/v1/events/3f2a"), (.cacheControl, "public, max-age=0, must-revalidate"),
            (.contentDisposition, Self.arabicDisposition),
        ])
        #expect(fields[.eTag] == "%22v1%22")
        #expect(fields[.location] == "%2Fv1%2Fevents%2F3f2a")
        #expect(fields[.cacheControl] == "public%2C%20max-age%3D0%2C%20must-revalidate")
        // The file name the handler escaped on purpose would be escaped a second time.
        #expect(fields[.contentDisposition]?.hasPrefix("inline%3B%20filename%3D%22______%20______%202022.pdf%22%3B%20") == true)
        #expect(fields[.contentDisposition]?.contains("filename%2A%3DUTF-8%27%27%25D8%25AA%25D9%2588") == true)
    }

    @Test("the test client's decoder gives back every value the runtime encoded, and leaves Content-Type alone")
    func clientDecodingIsExact() throws {
        var fields = try Self.runtime(Self.values)
        fields[.contentType] = "text/plain; note=%41"
        let decoded = HeaderPercentDecoding.decoded(fields)
        #expect(
            decoded.map { "\($0.name): \($0.value)" } == Self.values.map { "\($0.0): \($0.1)" } + [
                "Content-Type: text/plain; note=%41"
            ])
    }

    @Test("the decoder decodes exactly what Foundation's removingPercentEncoding does, and refuses what it refuses")
    func decoderAgreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["%", "%2", "%2F", "%2f", "%zz", "%D8%AA", "%D8", "%FF", "a", " ", "/", "\"", "ت", "%25", "%41"]
        for _ in 0..<10_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
            let expected = text.contains("%") ? text.removingPercentEncoding : nil
            #expect(HeaderPercentDecoding.percentDecoded(text) == expected, "\(text)")
        }
    }

    @Test("created, read and changed resources: Location and ETag exactly as the handlers set them", .isolatedDatabase)
    func locationAndETag() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let created = try await api.post(
                "/v1/organizations", #"{"name": {"fr": "Direction générale"}, "kind": "ministry", "country": "ma"}"#)
            #expect(created.status == .created, "\(created.body)")
            #expect(created.headers[.location] == "/v1/organizations/\(created.id)")
            #expect(created.headers[.eTag] == #""v1""#)
            let read = try await api.get("/v1/organizations/\(created.id)")
            #expect(read.headers[.eTag] == #""v1""#)
            let changed = try await api.request(
                .patch, "/v1/organizations/\(created.id)", #"{"acronym": "DG"}"#, headers: [.ifMatch: #""v1""#])
            #expect(changed.status == .ok, "\(changed.body)")
            #expect(changed.headers[.eTag] == #""v2""#)
        }
    }

    @Test("the program, its feeds, a report and the metrics carry their declared headers", .isolatedDatabase)
    func programFeedsReportsMetrics() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await DocumentsTests.meeting(api, slug: "headers-2022")
            for caller in [api, api.anonymous()] {
                let program = try await caller.get("/v1/events/\(meeting.event)/program")
                #expect(program.status == .ok)
                let etag = try #require(program.headers[.eTag])
                #expect(etag.wholeMatch(of: /"p\d+-e\d+-m\d+"/) != nil, "\(etag)")
                #expect(program.headers[.cacheControl] == "public, max-age=0, must-revalidate")
                let unchanged = try await caller.get("/v1/events/\(meeting.event)/program", headers: [.ifNoneMatch: etag])
                #expect(unchanged.status == .notModified)
                #expect(unchanged.headers[.eTag] == etag)
                #expect(unchanged.headers[.cacheControl] == "public, max-age=0, must-revalidate")
            }
            let calendar = try await api.get("/v1/events/\(meeting.event)/program.ics")
            #expect(calendar.headers[.contentDisposition] == #"inline; filename="headers-2022.ics""#)
            #expect(calendar.headers[.eTag]?.wholeMatch(of: /"p\d+-e\d+-m\d+"/) != nil)
            let schedule = try await api.get("/v1/events/\(meeting.event)/schedule.xml")
            #expect(schedule.headers[.eTag] == calendar.headers[.eTag])

            let html = try await api.get("/v1/events/\(meeting.event)/reports/program?format=html&lang=ar")
            #expect(html.status == .ok, "\(html.body)")
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.headers[.contentDisposition] == #"inline; filename="headers-2022-program-ar.html""#)

            let metrics = try await api.anonymous().get("/metrics")
            #expect(metrics.headers[.contentType] == "text/plain; version=0.0.4")
            #expect(metrics.headers[.cacheControl] == "no-store")
        }
    }

    @Test("a document's file: every header of 200, 206 and 304 exactly, the Arabic name byte for byte", .isolatedDatabase)
    func documentContent() async throws {
        let token = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: token)
            let meeting = try await DocumentsTests.meeting(api, slug: "headers-files")
            let (headers, body) = DocumentsTests.multipart(
                metadata: #"{"title": {"ar": "التوصيات"}, "kind": "recommendations", "visibility": "public"}"#,
                fileName: Self.arabicName, type: "application/pdf", bytes: DocumentsTests.pdf)
            let created = try await api.request(.post, "/v1/events/\(meeting.event)/documents", headers: headers, bytes: body)
            #expect(created.status == .created, "\(created.body)")
            #expect(created.headers[.location] == "/v1/documents/\(created.id)")
            #expect(created.headers[.eTag] == #""v1""#)

            let content = "/v1/documents/\(created.id)/content"
            let etag = "\"\(DocumentsTests.sha256(DocumentsTests.pdf))\""
            let whole = try await api.anonymous().request(.get, content, headers: [:], bytes: nil)
            #expect(whole.status == .ok)
            #expect(whole.headers[.contentType] == "application/pdf")
            #expect(whole.headers[.eTag] == etag)
            #expect(whole.headers[.acceptRanges] == "bytes")
            #expect(whole.headers[.cacheControl] == "public, no-cache")
            #expect(whole.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(whole.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            #expect(whole.headers[.contentDisposition].map { Array($0.utf8) } == Array(Self.arabicDisposition.utf8))

            let part = try await api.request(.get, content, headers: [.range: "bytes=100-199"], bytes: nil)
            #expect(part.status == .partialContent)
            #expect(part.headers[.contentType] == "application/pdf")
            #expect(part.headers[.contentRange] == "bytes 100-199/\(DocumentsTests.pdf.count)")
            #expect(part.headers[.eTag] == etag)
            #expect(part.headers[.cacheControl] == "private, no-cache")
            #expect(part.headers[.contentDisposition] == Self.arabicDisposition)

            let unchanged = try await api.anonymous().request(.get, content, headers: [.ifNoneMatch: etag], bytes: nil)
            #expect(unchanged.status == .notModified)
            #expect(unchanged.headers[.eTag] == etag)
            #expect(unchanged.headers[.acceptRanges] == "bytes")
            #expect(unchanged.headers[.cacheControl] == "public, no-cache")
        }
    }
}
