import CLibPQ
import Foundation

/// A blocking libpq connection, used only where PostgresNIO cannot serve: sending a migration file
/// whole (several statements, `$$` bodies) and administrative statements such as CREATE DATABASE.
/// The service's own queries go through `PostgresClient`.
final class LibPQConnection {
    private let connection: OpaquePointer

    /// - Parameter conninfo: a libpq connection string or a `postgres://` URI.
    /// A server at its connection limit is asked again once a second for up to 30 s: the
    /// migrator, backups and administration run beside a busy service's full pools, and a slot
    /// frees as soon as one request ends. Any other refusal is final at once.
    init(conninfo: String) throws(StoreError) {
        var attempt = 1
        while true {
            guard let connection = PQconnectdb(conninfo) else {
                throw .connectionFailed("libpq could not allocate a connection")
            }
            if PQstatus(connection) == CONNECTION_OK {
                self.connection = connection
                break
            }
            let message = Self.message(PQerrorMessage(connection))
            PQfinish(connection)
            guard attempt < 30, Self.atConnectionLimit(message) else { throw .connectionFailed(message) }
            attempt += 1
            sleep(1)
        }
        // Migrations print NOTICEs (IF NOT EXISTS …); they are noise on a terminal.
        _ = try? execute("SET client_min_messages = warning")
    }

    deinit {
        PQfinish(connection)
    }

    /// PostgreSQL's refusal when every connection slot is taken (SQLSTATE 53300).
    static func atConnectionLimit(_ message: String) -> Bool {
        message.contains("too many clients") || message.contains("remaining connection slots")
    }

    /// Runs one string that may hold several statements and returns the rows of the last one.
    @discardableResult
    func execute(_ sql: String) throws(StoreError) -> [[String?]] {
        let result = PQexec(connection, sql)
        return try consume(result)
    }

    /// Runs one statement with text parameters bound by libpq (never spliced into the SQL).
    @discardableResult
    func execute(_ sql: String, parameters: [String?]) throws(StoreError) -> [[String?]] {
        // libpq wants C strings that live for the duration of the call.
        var cStrings: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.flatMap { strdup($0) } }
        defer { cStrings.forEach { free($0) } }
        let result = cStrings.withUnsafeMutableBufferPointer { buffer -> OpaquePointer? in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { values in
                PQexecParams(connection, sql, Int32(parameters.count), nil, values.baseAddress, nil, nil, 0)
            }
        }
        return try consume(result)
    }

    private func consume(_ result: OpaquePointer?) throws(StoreError) -> [[String?]] {
        guard let result else {
            throw .connectionFailed(Self.message(PQerrorMessage(connection)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return []
        case PGRES_TUPLES_OK:
            var rows: [[String?]] = []
            let rowCount = PQntuples(result)
            let columnCount = PQnfields(result)
            rows.reserveCapacity(Int(rowCount))
            for row in 0..<rowCount {
                var values: [String?] = []
                for column in 0..<columnCount {
                    if PQgetisnull(result, row, column) == 1 {
                        values.append(nil)
                    } else {
                        values.append(String(cString: PQgetvalue(result, row, column)))
                    }
                }
                rows.append(values)
            }
            return rows
        default:
            let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            throw .statementFailed(sqlState: sqlState, message: Self.message(PQresultErrorMessage(result)))
        }
    }

    private static func message(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "unknown libpq error" }
        return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
