package import Foundation
package import OpenAPIRuntime

extension Client {
    /// The generated client on `transport`. The transport is given paths as the contract writes
    /// them (`/v1/events/…`), so the server URL is only the root they are relative to.
    package init(transport: any ClientTransport) {
        self.init(serverURL: URL(string: "/")!, transport: transport)
    }
}
