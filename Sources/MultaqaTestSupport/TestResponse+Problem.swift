import Foundation
import HummingbirdTesting
import MultaqaAPIClient

extension TestResponse {
    /// The body as the contract's problem, for answers the generated client does not reach
    /// (unknown routes, refused methods, bodies over the limit).
    package func problem() throws -> Components.Schemas.Problem {
        try JSONDecoder().decode(Components.Schemas.Problem.self, from: Data(body.readableBytesView))
    }
}
