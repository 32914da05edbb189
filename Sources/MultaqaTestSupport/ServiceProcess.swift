import Foundation
import MultaqaStore

#if canImport(Glibc)
import Glibc
#endif

/// `multaqa serve`, the binary built beside the tests, as a process of its own on a test
/// database: for what only a real process shows, such as being killed with SIGKILL.
package final class ServiceProcess: @unchecked Sendable {
    private let process = Process()
    package let log: URL

    /// Starts the service on `database` with `environment` added (mail settings, say).
    package init(database: TestDatabase, environment: [String: String]) throws {
        let tests = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = tests.deletingLastPathComponent()
        // The test bundle is a directory on some platforms: the binaries sit beside it.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory = directory.deletingLastPathComponent() }
        let binary = directory.appendingPathComponent("multaqa")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw TestFailure("multaqa is not built beside the tests (\(binary.path)): swift build --build-tests")
        }
        let endpoint = database.endpoint
        let secret = (endpoint.password ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("multaqa-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        log = data.appendingPathComponent("service.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw TestFailure("cannot create \(log.path)")
        }
        var variables = ProcessInfo.processInfo.environment
        variables["DATABASE_URL"] =
            "postgres://\(endpoint.username):\(secret)@\(endpoint.host):\(endpoint.port)/\(endpoint.database)?sslmode=\(endpoint.tls == .disable ? "disable" : "prefer")"
        variables["MULTAQA_DATA_DIR"] = data.path
        variables["MULTAQA_PORT"] = String(try Self.freePort())
        variables["MULTAQA_DB_POOL_SIZE"] = "4"
        for (name, value) in environment { variables[name] = value }
        process.executableURL = binary
        process.arguments = ["serve"]
        process.environment = variables
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    deinit {
        kill9()
    }

    /// What the service printed, for a failing test to show.
    package var output: String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    package var isRunning: Bool { process.isRunning }

    /// A port nobody listens on now: the kernel's choice for a socket bound to port 0.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestFailure("no socket: errno \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw TestFailure("no free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// SIGKILL: no graceful shutdown, nothing flushed, transactions in flight abandoned.
    package func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Stops it gracefully (SIGINT), waiting up to `seconds`.
    package func stop(within seconds: Double = 30) async throws {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        kill9()
    }
}
