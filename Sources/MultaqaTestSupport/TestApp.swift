import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MultaqaAPI
import MultaqaStore

/// Builds the production application on the current test database and drives it without a
/// socket (`app.test(.router)`), as Hummingbird's template does.
public func withTestApp(
    configuration: AppConfiguration = AppConfiguration(),
    database testDatabase: TestDatabase? = nil,
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    guard let testDatabase = testDatabase ?? TestDatabase.current else {
        fatalError("withTestApp needs @Test(.isolatedDatabase) or an explicit database")
    }
    let database = Database(endpoint: testDatabase.endpoint, maximumConnections: 8, logger: .quiet)
    let app = try buildApplication(configuration: configuration, database: database, logger: .quiet)
    try await app.test(.router, test)
}

extension TestResponse {
    /// The body as a JSON object; empty when it is not one (the assertions on it then fail).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    public var text: String { String(buffer: body) }
}
