import Foundation
import Logging
import Synchronization

/// A private PostgreSQL cluster in a local data directory: the default when no `DATABASE_URL` is
/// set, so that one command runs everything on a laptop.
///
/// Layout of the data directory:
/// - `pgdata/`: the cluster, owned by the user the server runs as;
/// - `credentials`: the generated password of the `multaqa` role (mode 0600);
/// - `.users`: every Multaqa process using the cluster holds a shared lock on it; the last one to
///   leave stops the cluster. The kernel releases the lock of a killed process, so a crash never
///   leaves the cluster pinned, and a `migrate` run beside `serve` never stops it under `serve`;
/// - `.lock`: serialises start and stop between Multaqa processes sharing the directory.
public final class EmbeddedCluster: Sendable {
    public static let role = "multaqa"
    public static let database = "multaqa"

    public let dataDirectory: String
    /// Throwaway clusters (tests) trade durability for speed; a user's data never does.
    public let durable: Bool
    private let logger: Logger
    /// The descriptor holding this instance's shared lock on `.users` while it uses the cluster.
    private let usage = Mutex<Int32?>(nil)

    public init(dataDirectory: String, durable: Bool = true, logger: Logger) {
        self.dataDirectory = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        self.durable = durable
        self.logger = logger
    }

    var clusterDirectory: String { dataDirectory + "/pgdata" }
    private var credentialsPath: String { dataDirectory + "/credentials" }
    private var usersPath: String { dataDirectory + "/.users" }
    private var portPath: String { dataDirectory + "/port" }
    private var logPath: String { clusterDirectory + "/log/server.log" }

    /// PostgreSQL refuses to run as root: then the server runs as the `postgres` user that
    /// Debian's package creates.
    private var serverUser: String? {
        geteuid() == 0 ? "postgres" : nil
    }

    /// Starts the cluster, or joins the one another Multaqa process started, and returns where it
    /// listens.
    public func start() async throws -> DatabaseEndpoint {
        try await Self.offloaded { try self.startBlocking() }
    }

    /// Leaves the cluster, stopping it when no other Multaqa process uses it.
    public func stop() async throws {
        try await Self.offloaded { try self.stopBlocking() }
    }

    /// Stops the server at once, without waiting for clients: for throwaway clusters (tests) at
    /// process exit, where nothing may suspend.
    public func stopImmediately() {
        guard let binaries = try? PostgresBinaries.locate() else { return }
        _ = try? SystemCommand(
            binaries.pgCtl, ["-D", clusterDirectory, "-m", "immediate", "-w", "-t", "20", "stop"], as: serverUser
        ).run()
    }

    private static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    private func startBlocking() throws -> DatabaseEndpoint {
        let binaries = try PostgresBinaries.locate()
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        return try withDirectoryLock {
            try prepareClusterDirectory()
            // The credentials file is written last by initialisation: it marks a complete cluster.
            if !FileManager.default.fileExists(atPath: credentialsPath) {
                guard !FileManager.default.fileExists(atPath: clusterDirectory + "/PG_VERSION") else {
                    throw StoreError.cluster(
                        "\(clusterDirectory) holds a cluster whose initialisation did not finish (no credentials file); "
                            + "remove \(dataDirectory) to start afresh")
                }
                try initialise(binaries)
            }
            let password = try String(contentsOfFile: credentialsPath, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let port: Int
            var launched = false
            if let running = runningPort() {
                port = running
                logger.info("using the embedded PostgreSQL already running on port \(port)")
            } else {
                port = try launch(binaries)
                launched = true
            }
            let endpoint = DatabaseEndpoint(
                host: "127.0.0.1", port: port, username: Self.role, password: password, database: Self.database)
            do {
                try joinUsers()
                try ensureDatabase(endpoint)
            } catch {
                // Nobody would stop a server this call started and then could not hand out.
                leaveUsers()
                if launched && !othersUseCluster() {
                    _ = try? SystemCommand(
                        binaries.pgCtl, ["-D", clusterDirectory, "-m", "fast", "-w", "-t", "60", "stop"], as: serverUser
                    ).run()
                }
                throw error
            }
            return endpoint
        }
    }

    private func stopBlocking() throws {
        let binaries = try PostgresBinaries.locate()
        try withDirectoryLock {
            leaveUsers()
            guard !othersUseCluster() else {
                logger.info("leaving the embedded PostgreSQL running for the other Multaqa processes using it")
                return
            }
            guard runningPort() != nil else { return }
            let output = try SystemCommand(
                binaries.pgCtl, ["-D", clusterDirectory, "-m", "fast", "-w", "-t", "60", "stop"], as: serverUser
            ).run()
            guard output.status == 0 else {
                throw StoreError.cluster("pg_ctl stop failed: \(output.text)")
            }
            logger.info("stopped the embedded PostgreSQL")
        }
    }

    private func joinUsers() throws {
        try usage.withLock { descriptor in
            guard descriptor == nil else { return }
            let opened = open(usersPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
            guard opened >= 0, flock(opened, LOCK_SH) == 0 else {
                throw StoreError.cluster("cannot register with \(usersPath): errno \(errno)")
            }
            descriptor = opened
        }
    }

    private func leaveUsers() {
        usage.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
    }

    /// Whether another process (or instance) still holds its shared lock on `.users`. A child
    /// this process is spawning (a `pg_ctl`, a mail relay's client) shares the lock between its
    /// fork and its exec, which closes the descriptor; a user of the cluster holds it for its whole
    /// life. So a refused lock is asked again for half a second before it counts as another user.
    private func othersUseCluster() -> Bool {
        let probe = open(usersPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        for attempt in 0..<10 {
            if flock(probe, LOCK_EX | LOCK_NB) == 0 {
                flock(probe, LOCK_UN)
                return false
            }
            if attempt < 9 { usleep(50_000) }
        }
        return true
    }

    private func prepareClusterDirectory() throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: clusterDirectory) {
            try manager.createDirectory(
                atPath: clusterDirectory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        }
        if let user = serverUser {
            guard let account = getpwnam(user) else {
                throw StoreError.cluster(
                    "running as root, the server must run as the user \(user), which does not exist "
                        + "(install Debian's postgresql package, or set DATABASE_URL)")
            }
            let uid = account.pointee.pw_uid
            let gid = account.pointee.pw_gid
            if chown(clusterDirectory, uid, gid) != 0 {
                throw StoreError.cluster("cannot hand \(clusterDirectory) to \(user): errno \(errno)")
            }
            let probe = try SystemCommand("/usr/bin/test", ["-w", clusterDirectory], as: user).run()
            guard probe.status == 0 else {
                throw StoreError.cluster(
                    "the PostgreSQL server runs as \(user), which cannot reach \(clusterDirectory) "
                        + "(a parent directory is closed to it): set MULTAQA_DATA_DIR to a directory it can reach, "
                        + "e.g. /var/lib/multaqa")
            }
        }
    }

    private func initialise(_ binaries: PostgresBinaries) throws {
        logger.info("creating an embedded PostgreSQL cluster in \(clusterDirectory)")
        let password = Self.randomSecret()
        // initdb reads the password from a file the server user can read; it is removed at once.
        let passwordFile = clusterDirectory + ".pw"
        guard
            FileManager.default.createFile(
                atPath: passwordFile, contents: Data(password.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw StoreError.cluster("cannot write \(passwordFile)")
        }
        defer { try? FileManager.default.removeItem(atPath: passwordFile) }
        if let user = serverUser, let account = getpwnam(user) {
            _ = chown(passwordFile, account.pointee.pw_uid, account.pointee.pw_gid)
        }
        var arguments = [
            "-D", clusterDirectory, "-U", Self.role, "--pwfile=\(passwordFile)",
            "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
        ]
        if !durable { arguments.append("--no-sync") }
        let output = try SystemCommand(binaries.initdb, arguments, as: serverUser).run()
        guard output.status == 0 else {
            throw StoreError.cluster("initdb failed: \(output.text)")
        }
        var settings = """

            # Multaqa's embedded cluster: reachable on the loopback only, by password.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            max_connections = 200
            """
        if !durable {
            // A throwaway cluster serves a whole test run, whose suites run in parallel, each
            // with its own service pool: room for all of them at once.
            settings += "\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 400\n"
            // A replica copied during a full run (the replica tests) streams from where its copy
            // began; the other suites' writes recycled those segments before it got there.
            settings += "wal_keep_size = '1GB'\n"
        }
        let configuration = clusterDirectory + "/postgresql.conf"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: configuration))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((settings + "\n").utf8))
        try handle.close()
        try? FileManager.default.createDirectory(atPath: clusterDirectory + "/log", withIntermediateDirectories: true)
        if let user = serverUser, let account = getpwnam(user) {
            _ = chown(clusterDirectory + "/log", account.pointee.pw_uid, account.pointee.pw_gid)
        }
        // Written last: its presence means the cluster was initialised completely.
        guard
            FileManager.default.createFile(
                atPath: credentialsPath, contents: Data(password.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw StoreError.cluster("cannot write \(credentialsPath)")
        }
    }

    /// Starts the server on a free loopback port (the previous one when it is still free).
    private func launch(_ binaries: PostgresBinaries) throws -> Int {
        let previous = (try? String(contentsOfFile: portPath, encoding: .utf8)).flatMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let port = previous.flatMap { Self.isFree(port: $0) ? $0 : nil } ?? Self.freePort()
        let output = try SystemCommand(
            binaries.pgCtl,
            ["-D", clusterDirectory, "-l", logPath, "-w", "-t", "60", "-o", "-p \(port)", "start"],
            as: serverUser, newSession: true
        ).run()
        guard output.status == 0 else {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8))?.suffix(2000) ?? ""
            throw StoreError.cluster("pg_ctl start failed: \(output.text)\n\(log)")
        }
        try String(port).write(toFile: portPath, atomically: true, encoding: .utf8)
        logger.info("started the embedded PostgreSQL on 127.0.0.1:\(port)")
        return port
    }

    /// The port of a live server of this cluster, per its `postmaster.pid`; a stale file left by
    /// a crash (no such process, or a recycled pid that is not PostgreSQL) is removed.
    private func runningPort() -> Int? {
        let pidFile = clusterDirectory + "/postmaster.pid"
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 4, let pid = Int32(lines[0].trimmingCharacters(in: .whitespaces)),
            let port = Int(lines[3].trimmingCharacters(in: .whitespaces))
        else {
            return nil
        }
        if Self.isServer(pid: pid, of: clusterDirectory) {
            return port
        }
        logger.warning("removing a stale postmaster.pid (process \(pid) is not this cluster's server)")
        try? FileManager.default.removeItem(atPath: pidFile)
        return nil
    }

    /// Whether `pid` is the postmaster of `directory`: alive, named postgres, and working in the
    /// directory (the postmaster changes into its data directory). A pid recycled by another
    /// program or another cluster does not count; where /proc cannot be read, a live pid does.
    static func isServer(pid: Int32, of directory: String) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let command = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return true }
        guard command.hasPrefix("postgres") else { return false }
        guard let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd") else { return true }
        return URL(fileURLWithPath: cwd).standardizedFileURL.path == URL(fileURLWithPath: directory).standardizedFileURL.path
    }

    private func ensureDatabase(_ endpoint: DatabaseEndpoint) throws {
        let connection = try LibPQConnection(conninfo: endpoint.with(database: "postgres").conninfo)
        let rows = try connection.execute("SELECT 1 FROM pg_database WHERE datname = $1", parameters: [Self.database])
        if rows.isEmpty {
            try connection.execute("CREATE DATABASE \(Self.database)")
        }
    }

    private func withDirectoryLock<T>(_ body: () throws -> T) throws -> T {
        let descriptor = open(dataDirectory + "/.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.cluster("cannot open \(dataDirectory)/.lock: errno \(errno)")
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw StoreError.cluster("cannot lock \(dataDirectory)/.lock: errno \(errno)")
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<32).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    static func isFree(port: Int) -> Bool {
        bindLoopback(port: port) != nil
    }

    static func freePort() -> Int {
        bindLoopback(port: 0) ?? 54329
    }

    /// Binds a loopback socket to learn whether a port is free (port 0: the kernel picks one).
    private static func bindLoopback(port: Int) -> Int? {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { return nil }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
