import Testing

@testable import MultaqaStore

@Suite("Manage tokens")
struct ManageTokenTests {
    @Test("a token is the prefix and 40 characters of the URL-safe alphabet, every character used, none repeated")
    func shape() {
        let alphabet = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        let tokens = (0..<5_000).map { _ in ManageToken.generate() }
        #expect(Set(tokens).count == tokens.count)
        var seen = Set<Character>()
        for token in tokens {
            #expect(ManageToken.isWellFormed(token))
            let secret = token.dropFirst(ManageToken.prefix.count)
            #expect(secret.count == 40 && secret.allSatisfy(alphabet.contains))
            seen.formUnion(secret)
        }
        // 200,000 characters drawn: every one of the 64 shows up unless the bits are biased.
        #expect(seen == alphabet)
    }
}
