import Logging
import MultaqaDomain
import MultaqaStore
import OpenAPIRuntime

/// The handlers of the generated `APIProtocol`; each resource adds its handlers in an extension
/// in a file of its own (`APIImplementation+Health.swift`, …).
struct APIImplementation: APIProtocol {
    let database: Database

    var logger: Logger {
        RequestScope.context?.logger ?? database.logger
    }
}
