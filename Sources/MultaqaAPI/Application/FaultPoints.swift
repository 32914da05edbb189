/// Places where tests make the service fail on purpose, to prove what a crash there leaves
/// behind. Production runs with none.
public struct FaultPoints: Sendable {
    /// Runs once a registration has committed, before its answer is built and kept: a throw or a
    /// killed process here loses the answer of a stored registration.
    public var afterRegistrationCommitted: (@Sendable () async throws -> Void)?

    public init(afterRegistrationCommitted: (@Sendable () async throws -> Void)? = nil) {
        self.afterRegistrationCommitted = afterRegistrationCommitted
    }
}
