import MultaqaDomain
import OpenAPIRuntime

extension APIImplementation {
    func getLiveness(_ input: Operations.GetLiveness.Input) async throws -> Operations.GetLiveness.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    /// Scraped by Prometheus (issue 9); restrict it to the monitoring network at the proxy.
    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        RequestScope.setResponseHeader(.contentType, "text/plain; version=0.0.4; charset=utf-8")
        RequestScope.setResponseHeader(.cacheControl, "no-store")
        return .ok(.init(body: .plainText(HTTPBody(Observability.scrape(database: database)))))
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
