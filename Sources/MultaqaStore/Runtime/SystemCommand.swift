import Foundation

/// Runs an external program (PostgreSQL's initdb and pg_ctl, the mail relay's msmtp) and captures
/// what it prints. It blocks its thread until the program ends: call it from a thread pool.
///
/// Spawned with posix_spawn and reaped with waitpid rather than Foundation's `Process`: on Linux,
/// `Process.waitUntilExit` was seen never to return for a child that had already exited (it stayed
/// a zombie), which hung `serve` at start-up.
package struct SystemCommand {
    package struct Output {
        package let status: Int32
        package let text: String
    }

    let executable: String
    let arguments: [String]
    /// When the process is root, PostgreSQL's tools must run as this unprivileged user.
    let user: String?
    /// Start in a new session so that a Ctrl-C on the terminal reaches Multaqa, which then stops
    /// the cluster in order, instead of the PostgreSQL server directly.
    let newSession: Bool
    /// A file the program reads as its standard input; nil: /dev/null.
    let input: String?
    /// Its standard error dropped instead of mixed into the output (a reader whose output is
    /// parsed, and which reports on standard error).
    let discardingErrors: Bool

    package init(
        _ executable: String, _ arguments: [String], as user: String? = nil, newSession: Bool = false,
        input: String? = nil, discardingErrors: Bool = false
    ) {
        self.executable = executable
        self.arguments = arguments
        self.user = user
        self.newSession = newSession
        self.input = input
        self.discardingErrors = discardingErrors
    }

    package func run() throws(StoreError) -> Output {
        var command = [executable] + arguments
        if let user {
            guard let runuser = Self.find("runuser") else {
                throw .cluster("running PostgreSQL as \(user) needs runuser (util-linux)")
            }
            command = [runuser, "-u", user, "--"] + command
        }
        // Run from "/", which every user can read; the invoking directory may be closed to the
        // server's user, and PostgreSQL's tools fail when they cannot identify their directory.
        // (glibc's posix_spawn_file_actions_addchdir_np is not imported into Swift.)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/env") {
            command = ["/usr/bin/env", "-C", "/"] + command
        }
        // Output goes to a file, not a pipe: a server started in the background inherits the
        // descriptors, and a pipe would then never reach end-of-file.
        let outputPath = NSTemporaryDirectory() + "multaqa-command-\(getpid())-\(UUID().uuidString)"
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if discardingErrors {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if newSession {
            posix_spawnattr_setflags(&attributes, Int16(Self.spawnSetSID))
        }

        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw .cluster("cannot run \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else {
                throw .cluster("lost track of \(command[0]): errno \(errno)")
            }
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(status: exitStatus, text: text)
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift does not import (it sits behind _GNU_SOURCE).
    private static let spawnSetSID: Int32 = 0x80

    package static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
