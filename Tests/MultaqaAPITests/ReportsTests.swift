import Foundation
import HTTPTypes
import MultaqaDomain
import MultaqaReports
import MultaqaTestSupport
import Testing

/// The recommendations report in every format, read back by a reader of that format (issue 6).
@Suite("Reports")
struct ReportsTests {
    static let arabic = "إرساء نظام معلوماتي موحد لتتبع مؤشرات أداء الجماعات"
    static let french = "Publier chaque année les résultats de l'évaluation"

    /// Seed 004 with two adopted recommendations (Arabic, French) and a draft.
    static func setUp(_ api: TestAPI) async throws -> String {
        let meeting = try await RecommendationsTests.setUpMeeting(api)
        let url = "/v1/events/\(meeting.event)/recommendations"
        for (workshop, body) in [(0, #"{"ar": "\#(arabic)"}"#), (1, #"{"fr": "\#(french)", "ar": "نشر نتائج التقييم سنويا"}"#), (2, #"{"fr": "Brouillon interne"}"#)] {
            let created = try await api.post(url, #"{"sessionId": "\#(meeting.workshops[workshop])", "text": \#(body), "axis": "تقييم الأداء", "ownerId": "\#(meeting.owner)"}"#)
            #expect(created.status == .created, "\(created.body)")
            if workshop < 2 {
                #expect(try await api.post("/v1/recommendations/\(created.id)/transitions", #"{"to": "submitted"}"#).status == .ok)
                #expect(try await api.post("/v1/recommendations/\(created.id)/transitions", #"{"to": "adopted"}"#).status == .ok)
            }
        }
        return meeting.event
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-test-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return try String(contentsOf: output, encoding: .utf8)
    }

    @Test("HTML, Markdown, CSV and JSON: right-to-left Arabic, numbered items, the public's view", .isolatedDatabase)
    func textFormats() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let event = try await Self.setUp(api)
            let base = "/v1/events/\(event)/reports/recommendations"
            let html = try await api.anonymous().get("\(base)?format=html&lang=ar")
            #expect(html.status == .ok)
            #expect(html.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(html.body.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(html.body.contains("R-01") && html.body.contains("R-02") && !html.body.contains("R-03"))
            #expect(html.body.contains(Self.arabic))
            #expect(!html.body.contains("Brouillon interne"))
            #expect(html.headers[.contentDisposition]?.contains("recommendations-ar.html") == true)
            // Organisers see every status; bilingual puts both languages side by side.
            let both = try await api.get("\(base)?format=html&lang=ar+fr")
            #expect(both.body.contains("Brouillon interne") && both.body.contains("Publier chaque année les résultats") && both.body.contains("نشر نتائج التقييم سنويا"))
            #expect(both.body.contains(#"lang="fr" dir="ltr""#))
            let markdown = try await api.anonymous().get("\(base)?format=md&lang=fr")
            #expect(markdown.body.hasPrefix("# Recommandations"))
            #expect(markdown.body.contains("| R-02 |"))
            let csv = try await api.anonymous().get("\(base)?format=csv&lang=ar")
            #expect(csv.body.hasPrefix("\u{FEFF}"))
            let rows = CSV.parse(csv.body)
            #expect(rows.count == 3)
            #expect(rows.contains { $0.contains(Self.arabic) })
            let json = try await api.anonymous().get("\(base)?format=json&lang=fr")
            #expect(json.json["report"] as? String == "recommendations")
            #expect((json.json["sections"] as? [[String: Any]])?.isEmpty == false)
            let program = try await api.anonymous().get("/v1/events/\(event)/reports/program?format=md&lang=ar")
            #expect(program.status == .ok && program.body.contains("تقوية القدرات"))
            #expect(try await api.get("\(base)?lang=de").status == .unprocessableContent)
        }
    }

    @Test("PDF read back by pdftotext and DOCX by pandoc keep the Arabic words", .isolatedDatabase)
    func documents() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let event = try await Self.setUp(api)
            let base = "/v1/events/\(event)/reports/recommendations"
            for format in ["pdf", "docx"] {
                let reply = try await client.execute(
                    uri: "\(base)?format=\(format)&lang=ar", method: .get, headers: [.authorization: "Bearer \(organizer)"]
                ) { response in response }
                #expect(reply.status == .ok, "\(format): \(String(buffer: reply.body))")
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-report-\(UUID().uuidString).\(format)")
                try Data(buffer: reply.body).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let text: String
                if format == "pdf" {
                    #expect(Data(buffer: reply.body).prefix(5) == Data("%PDF-".utf8))
                    text = try Self.run("/usr/bin/pdftotext", ["-enc", "UTF-8", file.path, "-"])
                } else {
                    text = try Self.run("/usr/bin/pandoc", ["--from=docx", "--to=plain", file.path])
                }
                try? FileManager.default.removeItem(atPath: "/tmp/multaqa-last-report.\(format)")
                try? FileManager.default.copyItem(at: file, to: URL(fileURLWithPath: "/tmp/multaqa-last-report.\(format)"))
                // The words of the Arabic recommendation (pdftotext loses some Latin and digits
                // set in the Arabic font; the page itself shows them, checked by eye).
                for word in format == "pdf" ? ["إرساء", "معلوماتي", "مؤشرات"] : ["إرساء", "مؤشرات", "الجماعات", "R-01"] {
                    // pdftotext writes right-to-left runs in visual order: the word, reversed.
                    #expect(text.contains(word) || text.contains(String(word.reversed())), "\(format) should contain \(word): \(text.prefix(400))")
                }
            }
        }
    }
}

@Suite("Attendance report")
struct AttendanceReportTests {
    @Test("organisers get counts and the participants, Arabic names intact; the public gets 401", .isolatedDatabase)
    func attendance() async throws {
        let organizer = try await makeToken(.organizer)
        try await withTestApp { client in
            let api = TestAPI(client: client, token: organizer)
            let forum = try await RegistrationsTests.setUpForum(api, inPerson: 10, online: 10)
            let url = "/v1/events/\(forum.id)/registrations"
            #expect(try await api.anonymous().post(url, RegistrationsTests.body(1, extra: #", "affiliation": {"collectivity": "MA-OUJ"}"#)).status == .created)
            #expect(try await api.anonymous().post(url, RegistrationsTests.body(2, mode: "online", category: "press")).status == .created)
            let csv = try await api.get("/v1/events/\(forum.id)/reports/attendance?format=csv&lang=ar")
            #expect(csv.status == .ok, "\(csv.body)")
            let rows = CSV.parse(csv.body)
            #expect(rows.count == 3)
            #expect(rows.contains { $0.contains("مشارك تجريبي 1") && $0.contains("عمالة وجدة أنجاد") })
            let html = try await api.get("/v1/events/\(forum.id)/reports/attendance?format=html&lang=fr")
            #expect(html.body.contains("Par mode de participation") && html.body.contains("Oujda"))
            #expect(try await api.anonymous().get("/v1/events/\(forum.id)/reports/attendance?format=csv").status == .unauthorized)
        }
    }
}
