import Hummingbird
import Logging
import Synchronization

/// The routes the router knows, filled in once the routes are registered: a 404 from the router
/// for a path that exists under another method becomes a 405 with `Allow`.
final class RouteTable: Sendable {
    private let routes = Mutex<[(segments: [Substring], method: String)]>([])

    func record(_ descriptions: [(path: String, method: String)]) {
        routes.withLock {
            $0 = descriptions.map { (segments: $0.path.split(separator: "/"), method: $0.method) }
        }
    }

    func methods(matching path: String) -> [String] {
        let requested = path.split(separator: "/")
        return routes.withLock { routes in
            routes.filter { route in
                route.segments.count == requested.count
                    && zip(route.segments, requested).allSatisfy { pattern, actual in
                        pattern.contains("{") || pattern.hasPrefix(":") || pattern == "*" || pattern == actual
                    }
            }.map(\.method)
        }
    }
}
