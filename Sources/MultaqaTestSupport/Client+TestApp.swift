import HummingbirdTesting
import MultaqaAPIClient

extension Client {
    /// The generated client on the test app's router, as `token`'s holder (anonymous without one).
    package init(_ app: any TestClientProtocol, token: String? = nil) {
        self.init(transport: RouterTransport(client: app, token: token))
    }
}
