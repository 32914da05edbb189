import Foundation
import MultaqaDomain
import PostgresNIO

/// The key that signs the public pages' anti-forgery tokens: made once by the migration, shared by
/// every instance through the database.
public struct PageKeyStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func secret() async throws -> Data {
        let rows = try await database.client.query("SELECT secret FROM page_keys WHERE id = 1", logger: database.logger)
        guard let row = try await rows.collect().first else {
            throw DomainError.unavailable(detail: "the pages' signing key is missing; run the migrations")
        }
        return try row.decode(Data.self)
    }
}
