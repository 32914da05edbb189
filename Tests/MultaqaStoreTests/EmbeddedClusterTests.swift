import Foundation
import Logging
import MultaqaTestSupport
import PostgresNIO
import Testing

@testable import MultaqaStore

@Suite("EmbeddedCluster")
struct EmbeddedClusterTests {
    @Test("start, keep data across a restart, survive a stale postmaster.pid, stop")
    func lifecycle() async throws {
        let directory = NSTemporaryDirectory() + "multaqa-cluster-test-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cluster = EmbeddedCluster(dataDirectory: directory, durable: false, logger: .quiet)
        // Whatever happens, no server outlives the test.
        defer { cluster.stopImmediately() }

        let first = try await cluster.start()
        try await Migrator(conninfo: first.conninfo, logger: .quiet).migrate()
        try LibPQConnection(conninfo: first.conninfo)
            .execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('ملتقى')")

        // Another user of the cluster (a `migrate` beside `serve`) joins it; when the first leaves,
        // the cluster keeps running for the other; the last to leave stops it.
        let other = EmbeddedCluster(dataDirectory: directory, logger: .quiet)
        let joined = try await other.start()
        #expect(joined.port == first.port)
        try await cluster.stop()
        #expect(FileManager.default.fileExists(atPath: directory + "/pgdata/postmaster.pid"))
        #expect(try LibPQConnection(conninfo: joined.conninfo).execute("SELECT 1") == [["1"]])
        try await other.stop()
        #expect(!FileManager.default.fileExists(atPath: directory + "/pgdata/postmaster.pid"))

        // A crash leaves a postmaster.pid naming a process that is gone.
        let stale = "999999\n\(directory)/pgdata\n0\n\(first.port)\n\n127.0.0.1\n0 0\nready\n"
        try stale.write(toFile: directory + "/pgdata/postmaster.pid", atomically: true, encoding: .utf8)

        let second = try await cluster.start()
        #expect(second.password == first.password)
        let applied = try await Migrator(conninfo: second.conninfo, logger: .quiet).migrate()
        #expect(applied.isEmpty, "the schema from the first start is still there")
        let kept = try LibPQConnection(conninfo: second.conninfo).execute("SELECT v FROM kept")
        #expect(kept == [["ملتقى"]])
        try await cluster.stop()
        #expect(!FileManager.default.fileExists(atPath: directory + "/pgdata/postmaster.pid"))
    }
}
