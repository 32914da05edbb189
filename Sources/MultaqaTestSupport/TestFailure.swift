/// An answer a test cannot go on from (a refusal where a registration was expected): thrown so
/// that the test stops with the reason instead of asserting on an empty body.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
