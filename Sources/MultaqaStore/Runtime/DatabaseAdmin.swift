import Foundation

/// Creating and dropping whole databases: what test support and tools need beyond the service's
/// own queries. Database names are identifiers, not values: they cannot be bound as parameters,
/// so they are checked against a strict pattern before they are quoted into the statement.
public enum DatabaseAdmin {
    public static func createDatabase(_ name: String, template: String? = nil, on server: DatabaseEndpoint) async throws {
        let name = try identifier(name)
        let statement: String
        if let template {
            // FILE_COPY: a small template is copied far faster than it is WAL-logged.
            statement = "CREATE DATABASE \(name) TEMPLATE \(try identifier(template)) STRATEGY FILE_COPY"
        } else {
            statement = "CREATE DATABASE \(name)"
        }
        try await run(statement, on: server)
    }

    public static func dropDatabase(_ name: String, on server: DatabaseEndpoint) async throws {
        try await run("DROP DATABASE IF EXISTS \(try identifier(name)) WITH (FORCE)", on: server)
    }

    private static func run(_ statement: String, on server: DatabaseEndpoint) async throws {
        let conninfo = server.with(database: "postgres").conninfo
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result {
                        let connection = try LibPQConnection(conninfo: conninfo)
                        try connection.execute(statement)
                    })
            }
        }
    }

    static func identifier(_ name: String) throws(StoreError) -> String {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first), name.count <= 63,
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw .invalidName(name)
        }
        return "\"\(name)\""
    }
}
