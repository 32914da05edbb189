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

        let first = try await cluster.start(claimOwnership: true)
        #expect(first.stopsOnExit)
        try await Migrator(conninfo: first.endpoint.conninfo, logger: .quiet).migrate()
        try LibPQConnection(conninfo: first.endpoint.conninfo)
            .execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('ملتقى')")

        // A second process joining a running cluster it does not own leaves it running.
        let joined = try await EmbeddedCluster(dataDirectory: directory, logger: .quiet).start(claimOwnership: false)
        #expect(joined.stopsOnExit == false)
        #expect(joined.endpoint.port == first.endpoint.port)

        try await cluster.stop()
        #expect(!FileManager.default.fileExists(atPath: directory + "/pgdata/postmaster.pid"))

        // A crash leaves a postmaster.pid naming a process that is gone.
        let stale = "999999\n\(directory)/pgdata\n0\n\(first.endpoint.port)\n\n127.0.0.1\n0 0\nready\n"
        try stale.write(toFile: directory + "/pgdata/postmaster.pid", atomically: true, encoding: .utf8)

        let second = try await cluster.start(claimOwnership: true)
        #expect(second.endpoint.password == first.endpoint.password)
        let applied = try await Migrator(conninfo: second.endpoint.conninfo, logger: .quiet).migrate()
        #expect(applied.isEmpty, "the schema from the first start is still there")
        let kept = try LibPQConnection(conninfo: second.endpoint.conninfo).execute("SELECT v FROM kept")
        #expect(kept == [["ملتقى"]])
        try await cluster.stop()
        #expect(!FileManager.default.fileExists(atPath: directory + "/pgdata/postmaster.pid"))
    }
}
