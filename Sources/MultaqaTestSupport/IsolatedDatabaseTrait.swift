import Foundation
import Logging
import MultaqaMigrations
import MultaqaStore
import Testing

/// `@Test(.isolatedDatabase)`: the test runs with `TestDatabase.current` set to a fresh migrated
/// database, dropped afterwards.
public struct IsolatedDatabaseTrait: TestTrait, TestScoping {
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create()
        do {
            try await TestDatabase.$current.withValue(database) { try await function() }
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }
}
