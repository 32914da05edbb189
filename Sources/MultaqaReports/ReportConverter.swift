import Foundation

/// PDF and DOCX made from a report's HTML by WeasyPrint and pandoc. pandoc is Debian's package;
/// WeasyPrint is the version `ensure_reports` (deploy/lib.sh) installs from PyPI into
/// `/opt/multaqa/weasyprint`, because Debian 12's 57.2 writes PDFs whose text (search, copy,
/// screen readers) loses most Arabic words. The work happens in a private temporary directory;
/// nothing of a report stays on disk.
public enum ReportConverter {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The program is not installed: which Debian package provides it.
        case missing(program: String, package: String)
        case failed(program: String, message: String)
        /// Only a version of the program that makes unusable documents is installed.
        case outdated(program: String, found: String, needed: String)

        public var description: String {
            switch self {
            case .missing(program: "weasyprint", _):
                return "WeasyPrint is not installed on this server; \(ReportConverter.weasyPrintAdvice)"
            case .outdated(program: "weasyprint", let found, _):
                return
                    "WeasyPrint \(found) is installed, but the text of its PDFs loses Arabic words; \(ReportConverter.weasyPrintAdvice)"
            case .missing(let program, let package):
                return
                    "\(program) is not installed on this server; install the Debian package \(package) (apt-get install \(package))"
            case .outdated(let program, let found, let needed):
                return "\(program) \(found) is installed; \(needed) is needed"
            case .failed(let program, let message):
                return "\(program) could not convert the report: \(message)"
            }
        }
    }

    public static let weasyPrintAdvice =
        "WeasyPrint \(weasyPrintVersion) is needed: run deploy/run, or as root install the Debian packages python3-venv, "
        + "libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0 and fonts-hosny-amiri, then "
        + "python3 -m venv \(weasyPrintDirectory) && \(weasyPrintDirectory)/bin/pip install weasyprint==\(weasyPrintVersion)"

    /// The WeasyPrint the reports are made and tested with, pinned in deploy/lib.sh. An older one
    /// is refused rather than used: Debian 12's 57.2 keeps almost none of a report's Arabic words
    /// in the PDF's text.
    public static let weasyPrintVersion = "70.0"
    /// Where deploy/lib.sh installs it: a virtual environment of its own, out of the system's Python.
    public static let weasyPrintDirectory = "/opt/multaqa/weasyprint"

    public static func pdf(fromHTML html: String) async throws -> Data {
        let executable = try weasyPrint.get()
        return try await convert(html, program: "weasyprint", executable: executable, output: "pdf") { input, output in
            ["--quiet", input, output]
        }
    }

    public static func docx(fromHTML html: String) async throws -> Data {
        guard let executable = find("pandoc") else { throw Failure.missing(program: "pandoc", package: "pandoc") }
        return try await convert(html, program: "pandoc", executable: executable, output: "docx") { input, output in
            ["--from=html", "--to=docx", "--output=\(output)", input]
        }
    }

    public static func isAvailable(_ program: String) -> Bool {
        program == "weasyprint" ? (try? weasyPrint.get()) != nil : find(program) != nil
    }

    /// The pinned WeasyPrint if it is installed, else one on the PATH that is at least as recent.
    /// Looked up once per process, synchronously (the CLI asks before it starts): asking a
    /// WeasyPrint its version starts Python, a fraction of a second that the first PDF pays.
    static let weasyPrint: Result<String, Failure> = {
        let candidates = ["\(weasyPrintDirectory)/bin/weasyprint"] + [find("weasyprint")].compactMap { $0 }
        var found: String?
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            guard let version = version(of: candidate) else { continue }
            if isAtLeast(version, weasyPrintVersion) { return .success(candidate) }
            found = found ?? version
        }
        if let found { return .failure(.outdated(program: "weasyprint", found: found, needed: weasyPrintVersion)) }
        return .failure(.missing(program: "weasyprint", package: "weasyprint"))
    }()

    /// "WeasyPrint version 70.0" → "70.0".
    static func version(of executable: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        // One short line: reading it to the end before waiting cannot fill the pipe.
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Compares dotted versions number by number ("70.0" ≥ "69.2", "100.1" ≥ "70.0").
    static func isAtLeast(_ version: String, _ minimum: String) -> Bool {
        let have = version.split(separator: ".").map { Int($0) ?? 0 }
        let need = minimum.split(separator: ".").map { Int($0) ?? 0 }
        for index in 0..<max(have.count, need.count) {
            let (a, b) = (index < have.count ? have[index] : 0, index < need.count ? need[index] : 0)
            if a != b { return a > b }
        }
        return true
    }

    /// A PDF left in an unlinked file, read a piece at a time (the badges of a whole forum), and
    /// each page reported as WeasyPrint lays it out (its `--verbose` log) for a progress line.
    public static func pdfFile(fromHTML html: String, page: (@Sendable (Int) -> Void)? = nil) async throws -> ConvertedFile {
        let executable = try weasyPrint.get()
        let directory = try privateDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("report.html")
        let output = directory.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--verbose", input.path, output.path]
        process.currentDirectoryURL = directory
        let log = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        // The log is read on a thread of its own until WeasyPrint closes it: a blocking read must
        // not hold one of the few threads that serve requests for the seconds a large PDF takes.
        let tail: Task<String, Never> = Task {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: readLog(log.fileHandleForReading, page: page))
                }
            }
        }
        let status: Int32
        do {
            status = try await runToEnd(process, program: "weasyprint")
        } catch {
            // Not started, or cancelled: the reader still needs its end of file.
            try? log.fileHandleForWriting.close()
            _ = await tail.value
            throw error
        }
        try? log.fileHandleForWriting.close()
        let message = await tail.value
        guard status == 0, let handle = try? FileHandle(forReadingFrom: output),
            let size = try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int
        else { throw Failure.failed(program: "weasyprint", message: message) }
        return ConvertedFile(handle: handle, size: size)
    }

    /// Reads WeasyPrint's log to its end: each page laid out goes to `page`; the last lines that
    /// are not progress are kept to explain a failure.
    private static func readLog(_ handle: FileHandle, page: (@Sendable (Int) -> Void)?) -> String {
        let marker = "Creating layout - Page "
        var pending = ""
        var kept: [Substring] = []
        while true {
            let data = handle.availableData
            if data.isEmpty { break }
            pending += String(decoding: data, as: UTF8.self)
            while let newline = pending.firstIndex(of: "\n") {
                let line = pending[..<newline]
                if let range = line.range(of: marker), let number = Int(line[range.upperBound...]) {
                    page?(number)
                } else if !line.hasPrefix("INFO:") {
                    kept.append(line)
                    if kept.count > 10 { kept.removeFirst() }
                }
                pending = String(pending[pending.index(after: newline)...])
            }
        }
        return String((kept.joined(separator: "\n") + pending).suffix(500))
    }

    /// A directory only this process's user can read, for a conversion's input and output.
    private static func privateDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return directory
    }

    static func convert(
        _ html: String, program: String, executable: String, output suffix: String,
        arguments: (String, String) -> [String]
    ) async throws -> Data {
        let directory = try privateDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("report.html")
        let output = directory.appendingPathComponent("report.\(suffix)")
        let log = directory.appendingPathComponent("log.txt")
        try Data(html.utf8).write(to: input)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
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
        let status = try await runToEnd(process, program: program)
        guard status == 0, let data = try? Data(contentsOf: output) else {
            let message = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure.failed(program: program, message: String(message.suffix(500)))
        }
        return data
    }

    /// Starts the process when a slot is free and waits for its end without holding a thread: its
    /// exit status. A cancelled task (a client gone) stops the process: a forum's badges are
    /// minutes of work for nobody otherwise.
    private static func runToEnd(_ process: Process, program: String) async throws -> Int32 {
        try await slots.withSlot {
            try Task.checkCancellation()
            let status: Int32 = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                    do {
                        try process.run()
                    } catch {
                        process.terminationHandler = nil
                        continuation.resume(throwing: Failure.failed(program: program, message: "\(error)"))
                    }
                }
            } onCancel: {
                if process.isRunning { process.terminate() }
            }
            try Task.checkCancellation()
            return status
        }
    }

    /// Conversions at once, in this process: one per core. Each is a program that takes a core
    /// for seconds; more at once only makes every one of them slower, and memory grows with each.
    static let slots = ConversionSlots(count: max(1, ProcessInfo.processInfo.activeProcessorCount))

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
