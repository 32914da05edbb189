import Testing

@testable import MultaqaStore

@Suite("DatabaseEndpoint")
struct DatabaseEndpointTests {
    @Test("a DATABASE_URL of a managed server is read whole")
    func parsesURL() throws {
        let endpoint = try DatabaseEndpoint(url: "postgres://app%40team:p%27ss@db.internal:6432/multaqa?sslmode=require")
        #expect(endpoint.host == "db.internal")
        #expect(endpoint.port == 6432)
        #expect(endpoint.username == "app@team")
        #expect(endpoint.password == "p'ss")
        #expect(endpoint.database == "multaqa")
        #expect(endpoint.tls == .require)
        // libpq's quoting keeps the quote inside the password a value, not syntax.
        #expect(endpoint.conninfo.contains(#"password='p\'ss'"#))
    }

    @Test("defaults: port 5432, TLS preferred")
    func defaults() throws {
        let endpoint = try DatabaseEndpoint(url: "postgresql://u@localhost/db")
        #expect(endpoint.port == 5432)
        #expect(endpoint.tls == .prefer)
        #expect(endpoint.password == nil)
    }

    @Test(
        "unusable URLs are refused with the reason",
        arguments: [
            "mysql://u@h/db", "postgres://h/db", "postgres://u@h", "postgres://u@h/db?sslmode=sometimes", "not a url",
        ])
    func refusesBadURLs(url: String) {
        #expect(throws: StoreError.self) { try DatabaseEndpoint(url: url) }
    }
}
