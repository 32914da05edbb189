import HTTPTypes
import Metrics
import Synchronization

/// The request metrics, made once per route, method and status (and per method for the requests
/// in flight), under Hummingbird's names and labels so that `/metrics` reads as it would with
/// Hummingbird's own middleware.
final class RequestMetrics: Sendable {
    struct Endpoint: Sendable {
        let requests: Counter
        let duration: Metrics.Timer
        let errors: Counter
    }

    private struct Key: Hashable {
        let route: String
        let method: HTTPRequest.Method
        let status: Int
    }

    private let endpoints = Mutex<[Key: Endpoint]>([:])
    private let inFlight = Mutex<[HTTPRequest.Method: Meter]>([:])

    func active(_ method: HTTPRequest.Method) -> Meter {
        inFlight.withLock { meters in
            if let meter = meters[method] { return meter }
            let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
            meters[method] = meter
            return meter
        }
    }

    func endpoint(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status) -> Endpoint {
        let key = Key(route: route, method: method, status: status.code)
        return endpoints.withLock { endpoints in
            if let endpoint = endpoints[key] { return endpoint }
            let code = String(status.code)
            let labels = [("http.route", route), ("http.request.method", method.rawValue)]
            let endpoint = Endpoint(
                requests: Counter(label: "hb.requests", dimensions: labels + [("http.response.status_code", code)]),
                duration: Metrics.Timer(
                    label: "http.server.request.duration", dimensions: labels + [("http.response.status_code", code)],
                    preferredDisplayUnit: .seconds),
                errors: Counter(label: "hb.request.errors", dimensions: labels + [("error.type", code)]))
            endpoints[key] = endpoint
            return endpoint
        }
    }
}
