import Foundation
import MultaqaStore

/// A real streaming replica of the test run's cluster, on the loopback: `pg_basebackup -R`
/// (which writes the standby's connection to the primary), started on a port of its own. It
/// replays the whole cluster, so every test database has its replica. Needs the throwaway
/// cluster (not `TEST_DATABASE_URL`): the tests start and stop it, pause its replay, kill it.
package final class StreamingReplica: Sendable {
    package let directory: String
    package let port: Int
    let binaries: PostgresBinaries
    let primary: DatabaseEndpoint

    /// Whether the tests can make one: only from the run's own cluster.
    package static var isPossible: Bool {
        (ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty
    }

    private init(directory: String, port: Int, binaries: PostgresBinaries, primary: DatabaseEndpoint) {
        self.directory = directory
        self.port = port
        self.binaries = binaries
        self.primary = primary
    }

    /// A replica of `primary`'s cluster, started and streaming.
    package static func start(from primary: DatabaseEndpoint) async throws -> StreamingReplica {
        let binaries = try PostgresBinaries.locate()
        let directory = NSTemporaryDirectory() + "multaqa-replica-\(UUID().uuidString.prefix(8))"
        let replica = StreamingReplica(
            directory: directory, port: try ServiceProcess.freePort(), binaries: binaries, primary: primary)
        try replica.run(
            "pg_basebackup",
            [
                "-h", primary.host, "-p", String(primary.port), "-U", primary.username, "-D", directory, "-R", "-X", "stream",
                "-c", "fast",
            ])
        try replica.run(
            "pg_ctl", ["-D", directory, "-l", directory + "/replica.log", "-w", "-t", "60", "-o", "-p \(replica.port)", "start"])
        return replica
    }

    /// Where a test database of the primary is read on the replica.
    package func endpoint(database: String) -> DatabaseEndpoint {
        var endpoint = primary.with(database: database)
        endpoint.port = port
        return endpoint
    }

    /// Stops it at once, as a crash would.
    package func kill() throws {
        try run("pg_ctl", ["-D", directory, "-m", "immediate", "-w", "-t", "20", "stop"])
    }

    /// Stops it if it runs and removes its files.
    package func remove() {
        try? kill()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A PostgreSQL program, as the cluster's owner when this process is root (PostgreSQL refuses
    /// to run as root), with the throwaway cluster's password in its environment.
    private func run(_ program: String, _ arguments: [String]) throws {
        let path = program == "pg_ctl" ? binaries.pgCtl : try binaries.client(program)
        let output = try SystemCommand(
            "/usr/bin/env", ["PGPASSWORD=\(primary.password ?? "")", path] + arguments,
            as: geteuid() == 0 ? "postgres" : nil
        ).run()
        guard output.status == 0 else {
            throw TestFailure("\(program) failed (exit \(output.status)): \(output.text)")
        }
    }
}
