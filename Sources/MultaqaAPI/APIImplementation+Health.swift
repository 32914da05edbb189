import MultaqaDomain

extension APIImplementation {
    func getLiveness(_ input: Operations.GetLiveness.Input) async throws -> Operations.GetLiveness.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    /// 200 only when the database answers (issue 3): a load balancer takes an instance whose
    /// database is unreachable out of rotation instead of sending it requests that will fail.
    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        guard await database.isReady() else {
            throw DomainError.unavailable(detail: "the database does not answer")
        }
        return .ok(.init(body: .json(.init(status: .ok, database: .ok))))
    }
}
