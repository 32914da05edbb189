import Foundation

/// Runs an external program (PostgreSQL's initdb and pg_ctl) and captures what it prints.
struct SystemCommand {
    struct Output {
        let status: Int32
        let text: String
    }

    let executable: String
    let arguments: [String]
    /// When the process is root, PostgreSQL's tools must run as this unprivileged user.
    let user: String?
    /// Start in a new session so that a Ctrl-C on the terminal reaches Multaqa, which then stops
    /// the cluster in order, instead of the PostgreSQL server directly (issue 3).
    let newSession: Bool

    init(_ executable: String, _ arguments: [String], as user: String? = nil, newSession: Bool = false) {
        self.executable = executable
        self.arguments = arguments
        self.user = user
        self.newSession = newSession
    }

    func run() throws(StoreError) -> Output {
        var command = [executable] + arguments
        if let user {
            guard let runuser = Self.find("runuser") else {
                throw .cluster("running PostgreSQL as \(user) needs runuser (util-linux)")
            }
            command = [runuser, "-u", user, "--"] + command
        }
        if newSession, let setsid = Self.find("setsid") {
            command = [setsid] + command
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        // "/" is readable by every user; the invoking directory may not be (PostgreSQL's tools
        // fail when they cannot identify their working directory).
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .cluster("cannot run \(command[0]): \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
