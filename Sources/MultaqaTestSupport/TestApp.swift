import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MultaqaAPI
import MultaqaDomain
import MultaqaStore

/// Builds the production application on the current test database and drives it without a
/// socket (`app.test(.router)`), as Hummingbird's template does.
/// `live`: over a real socket on a free port, for what only a connection shows (a client that
/// hangs up half way through an upload).
public func withTestApp(
    configuration: AppConfiguration = .forTests,
    database testDatabase: TestDatabase? = nil,
    live: Bool = false,
    logger: Logger = .quiet,
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    guard let testDatabase = testDatabase ?? TestDatabase.current else {
        fatalError("withTestApp needs @Test(.isolatedDatabase) or an explicit database")
    }
    // The production default: slow connections on a loaded machine are waited for (the server
    // accepts TCP), an unreachable server is given up on after 2 s.
    let database = Database(endpoint: testDatabase.endpoint, maximumConnections: 8, logger: logger)
    var configuration = configuration
    if live { configuration.port = 0 }
    let app = try buildApplication(configuration: configuration, database: database, logger: logger)
    try await app.test(live ? .live : .router, test)
}

extension AppConfiguration {
    /// Production's configuration without the rate limit. The router's test client has no
    /// address, so every request of a test is one client's, and tests register dozens of people
    /// in a row; the limit has its own tests, with their own figure.
    public static var forTests: AppConfiguration {
        var configuration = AppConfiguration()
        configuration.publicWritesPerMinute = nil
        return configuration
    }
}

extension TestResponse {
    /// The body as a JSON object; empty when it is not one (the assertions on it then fail).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    public var text: String { String(buffer: body) }
}

/// A bearer token of `role` on the current test database, as `multaqa token create` makes one.
public func makeToken(_ role: Role, person: UUID? = nil) async throws -> String {
    guard let testDatabase = TestDatabase.current else {
        fatalError("makeToken needs @Test(.isolatedDatabase)")
    }
    return try await testDatabase.withDatabase { database in
        try await TokenStore(database: database).create(name: "test \(role.rawValue)", role: role, personID: person).token
    }
}

extension HTTPFields {
    public static func bearer(_ token: String, json: Bool = true) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(token)"]
        if json { fields[.contentType] = "application/json" }
        return fields
    }
}

extension ByteBuffer {
    /// A JSON body from a literal, so tests read like the requests users send.
    public static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
