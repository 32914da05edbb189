import Foundation

/// PDF and DOCX made from a report's HTML by WeasyPrint and pandoc (issue 6), Debian's packages
/// `weasyprint` and `pandoc`, which `./deploy/run` and `./deploy/test` install. The work happens in a
/// private temporary directory; nothing of a report stays on disk.
public enum ReportConverter {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The program is not installed: which Debian package provides it.
        case missing(program: String, package: String)
        case failed(program: String, message: String)

        public var description: String {
            switch self {
            case .missing(let program, let package):
                "\(program) is not installed on this server; install the Debian package \(package) (apt-get install \(package))"
            case .failed(let program, let message):
                "\(program) could not convert the report: \(message)"
            }
        }
    }

    public static func pdf(fromHTML html: String) async throws -> Data {
        try await convert(html, program: "weasyprint", package: "weasyprint", output: "pdf") { input, output in
            ["--quiet", input, output]
        }
    }

    public static func docx(fromHTML html: String) async throws -> Data {
        try await convert(html, program: "pandoc", package: "pandoc", output: "docx") { input, output in
            ["--from=html", "--to=docx", "--output=\(output)", input]
        }
    }

    public static func isAvailable(_ program: String) -> Bool { find(program) != nil }

    static func convert(
        _ html: String, program: String, package: String, output suffix: String,
        arguments: (String, String) -> [String]
    ) async throws -> Data {
        guard let executable = find(program) else { throw Failure.missing(program: program, package: package) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("report.html")
        let output = directory.appendingPathComponent("report.\(suffix)")
        let log = directory.appendingPathComponent("log.txt")
        try Data(html.utf8).write(to: input)
        FileManager.default.createFile(atPath: log.path, contents: nil)
        // A short-lived converter that starts no daemon, with its output in files (no pipe to
        // drain): Foundation's Process suits it, unlike the PostgreSQL server (see SystemCommand).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(input.path, output.path)
        process.currentDirectoryURL = directory
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure.failed(program: program, message: "\(error)"))
            }
        }
        guard status == 0, let data = try? Data(contentsOf: output) else {
            let message = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure.failed(program: program, message: String(message.suffix(500)))
        }
        return data
    }

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
