import Foundation

/// The machine's PostgreSQL server programs: `MULTAQA_PG_BIN`, then `PATH`, then
/// `/usr/lib/postgresql/*/bin` (Debian's layout), newest major version first.
public struct PostgresBinaries: Sendable {
    public let directory: String

    public var initdb: String { directory + "/initdb" }
    public var pgCtl: String { directory + "/pg_ctl" }

    /// A client program (pg_dump, pg_restore): beside the server's programs, else on `PATH`, else
    /// the newest of Debian's. A server wrapper on `PATH` (as some set-ups install for initdb and
    /// pg_ctl) does not bring its clients along.
    public func client(
        _ name: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> String {
        let debianRoot = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debianRoot)) ?? []
        let candidates =
            [directory] + (environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + versions.compactMap(Int.init).sorted(by: >).map { "\(debianRoot)/\($0)/bin" }
        guard let found = candidates.map({ $0 + "/" + name }).first(where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw .backup("no \(name) found beside \(directory), on PATH or under /usr/lib/postgresql/*/bin")
        }
        return found
    }

    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError)
        -> PostgresBinaries
    {
        var candidates: [String] = []
        if let explicit = environment["MULTAQA_PG_BIN"], !explicit.isEmpty {
            candidates.append(explicit)
        }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let debianRoot = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debianRoot)) ?? []
        candidates += versions.compactMap(Int.init).sorted(by: >).map { "\(debianRoot)/\($0)/bin" }
        for directory in candidates {
            let binaries = PostgresBinaries(directory: directory)
            if FileManager.default.isExecutableFile(atPath: binaries.initdb),
                FileManager.default.isExecutableFile(atPath: binaries.pgCtl)
            {
                return binaries
            }
        }
        throw .cluster(
            "no PostgreSQL server programs (initdb, pg_ctl) found on PATH or under /usr/lib/postgresql/*/bin: "
                + "install them (Debian: apt-get install postgresql) or set MULTAQA_PG_BIN, or set DATABASE_URL")
    }
}
