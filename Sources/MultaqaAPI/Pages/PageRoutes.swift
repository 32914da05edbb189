import Hummingbird
import MultaqaPages
import MultaqaStore

/// The public pages' routes, beside the API's: HTML for people, outside the JSON contract.
enum PageRoutes {
    /// Routes whose path carries a secret (the manage link's token): the request log writes the
    /// route, never the path.
    static let secretRoutes: Set<String> = ["/r/{id}"]

    /// Whether a route is a page's (not an operation of the contract).
    static func owns(_ route: String) -> Bool {
        route == "/" || route.hasPrefix("/e/") || route.hasPrefix("/r/") || route.hasPrefix("/assets/")
    }

    static func add(to router: Router<AppRequestContext>, controller: PageController) {
        router.get("/") { request, context in try await controller.home(request, context) }
        router.get("/assets/site.css") { _, _ in PageController.asset(PageAssets.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/assets/site.js") { _, _ in
            PageController.asset(PageAssets.script, type: "text/javascript; charset=utf-8")
        }
        router.get("/e/:slug") { request, context in try await controller.event(request, context) }
        router.get("/e/:slug/register") { request, context in try await controller.registrationForm(request, context) }
        router.post("/e/:slug/register") { request, context in try await controller.register(request, context) }
        router.post("/e/:slug/resend") { request, context in try await controller.resend(request, context) }
        router.get("/r/:id") { request, context in try await controller.manage(request, context) }
        router.post("/r/:id/change") { request, context in try await controller.change(request, context) }
        router.get("/r/:id/cancel") { request, context in try await controller.confirm(request, context, erase: false) }
        router.post("/r/:id/cancel") { request, context in try await controller.cancel(request, context, erase: false) }
        router.get("/r/:id/erase") { request, context in try await controller.confirm(request, context, erase: true) }
        router.post("/r/:id/erase") { request, context in try await controller.cancel(request, context, erase: true) }
        router.get("/r/:id/calendar.ics") { request, context in try await controller.calendar(request, context) }
    }
}
