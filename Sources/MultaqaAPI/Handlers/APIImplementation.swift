import Foundation
import Logging
import MultaqaDomain
import MultaqaStore
import OpenAPIRuntime

/// The handlers of the generated `APIProtocol`; each resource adds its handlers in an extension
/// in a file of its own (`APIImplementation+Health.swift`, …).
struct APIImplementation: APIProtocol {
    let database: Database
    let tokens: TokenStore
    let organizations: OrganizationStore
    let people: PersonStore
    let events: EventStore
    let schedule: ScheduleStore
    let programs: ProgramStore
    let documents: DocumentStore
    /// The largest file a document may have, in bytes.
    let uploadLimit: Int
    let faults: FaultPoints
    /// Webhooks may post to loopback, private and link-local addresses.
    let webhookAllowPrivate: Bool
    /// Where people reach this service: the verification address printed on certificates.
    let siteURL: String
    /// Where this instance takes its daily backups; nil: none.
    let backupDirectory: String?
    /// The retention period of events without their own, in days; nil: kept until purged.
    let retentionDays: Int?
    /// Where whole programmes may be read; nil: the primary only.
    let replica: ReadReplica?

    init(
        database: Database, documentStorage: any DocumentStorage = PostgresDocumentStorage(), uploadLimit: Int,
        faults: FaultPoints = FaultPoints(), webhookAllowPrivate: Bool = false, siteURL: String = "http://localhost:8080",
        backupDirectory: String? = nil, retentionDays: Int? = nil, replica: ReadReplica? = nil
    ) {
        self.database = database
        self.replica = replica
        self.retentionDays = retentionDays
        self.backupDirectory = backupDirectory
        self.siteURL = siteURL
        self.webhookAllowPrivate = webhookAllowPrivate
        self.faults = faults
        self.documents = DocumentStore(database: database, storage: documentStorage)
        self.uploadLimit = uploadLimit
        self.tokens = TokenStore(database: database)
        self.organizations = OrganizationStore(database: database)
        self.people = PersonStore(database: database)
        self.events = EventStore(database: database)
        self.schedule = ScheduleStore(database: database)
        self.programs = ProgramStore(database: database, replica: replica)
    }

    var logger: Logger {
        RequestScope.current?.context.logger ?? database.logger
    }

    /// The caller, who must hold at least `minimum`: 401 without a valid token, 403 with too
    /// little role.
    func authorize(_ minimum: Role) async throws -> Principal {
        guard case .apiToken(let token) = RequestScope.current?.credential else {
            throw DomainError.unauthenticated
        }
        guard let principal = try await tokens.authenticate(token) else {
            throw DomainError.unauthenticated
        }
        try principal.require(minimum)
        return principal
    }

    /// The caller if a valid token came with the request; public reads work without one.
    func optionalPrincipal() async throws -> Principal? {
        guard let credential = RequestScope.current?.credential, credential != .none else { return nil }
        return try await authorize(.rapporteur)
    }
}
