import Foundation
import MultaqaDomain
import MultaqaServices
import OpenAPIRuntime

extension APIImplementation {
    func getLiveness(_ input: Operations.GetLiveness.Input) async throws -> Operations.GetLiveness.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    /// Scraped by Prometheus; restrict it to the monitoring network at the proxy.
    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        .ok(
            .init(
                headers: .init(cacheControl: "no-store"),
                body: .textPlainVersion_0_0_4(
                    HTTPBody(Observability.scrape(database: database, backupDirectory: backupDirectory, replica: replica)))))
    }

    /// 200 only when the database answers: a load balancer takes an instance whose
    /// database is unreachable out of rotation instead of sending it requests that will fail.
    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        guard await database.isReady() else {
            throw DomainError.unavailable(detail: "the database does not answer")
        }
        var health = Components.Schemas.Health(status: .ok, database: .ok)
        if let backupDirectory {
            let last = BackupScheduler.lastGood(in: backupDirectory)
            health.backup = .init(lastGoodAt: last, ageSeconds: last.map { Int(Date().timeIntervalSince($0)) })
        }
        return .ok(.init(body: .json(health)))
    }
}
