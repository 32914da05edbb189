import Hummingbird
import MultaqaPages
import MultaqaStore

/// The public pages' routes, beside the API's: HTML for people, outside the JSON contract.
enum PageRoutes {
    /// What the request log may write of a path: a manage link's path carries its token, and a
    /// certificate's its code, so the route stands in for them, also for a mangled link that
    /// matched no route.
    static func loggable(path: String, route: String?) -> String {
        if path.hasPrefix("/c/") || path.hasPrefix("/v1/certificates/") {
            return route ?? (path.hasPrefix("/c/") ? "/c/{code}" : "/v1/certificates/{code}")
        }
        guard path.hasPrefix("/r/") else { return path }
        return path.hasPrefix("/r/reg_") || route == nil ? "/r/{token}" : (route ?? "/r/{token}")
    }

    /// Whether a route is a page's (not an operation of the contract).
    static func owns(_ route: String) -> Bool {
        route == "/" || route.hasPrefix("/e/") || route.hasPrefix("/r/") || route.hasPrefix("/assets/")
            || route.hasPrefix("/checkin/") || route.hasPrefix("/c/")
    }

    static func add(
        to router: Router<AppRequestContext>, controller: PageController, checkIn: CheckInController,
        certificates: CertificatePageController
    ) {
        router.get("/") { request, context in await controller.answer(request, context) { try await controller.home($0, $1) } }
        router.get("/assets/site.css") { _, _ in PageController.asset(PageAssets.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/assets/site.js") { _, _ in
            PageController.asset(PageAssets.script, type: "text/javascript; charset=utf-8")
        }
        router.get("/e/:slug") { request, context in
            await controller.answer(request, context) { try await controller.event($0, $1) }
        }
        router.get("/e/:slug/register") { request, context in
            await controller.answer(request, context) { try await controller.registrationForm($0, $1) }
        }
        router.post("/e/:slug/register") { request, context in
            await controller.answer(request, context) { try await controller.register($0, $1) }
        }
        router.post("/e/:slug/resend") { request, context in
            await controller.answer(request, context) { try await controller.resend($0, $1) }
        }
        router.get("/r/:id") { request, context in
            await controller.answer(request, context) { try await controller.manage($0, $1) }
        }
        router.post("/r/:id/change") { request, context in
            await controller.answer(request, context) { try await controller.change($0, $1) }
        }
        router.get("/r/:id/cancel") { request, context in
            await controller.answer(request, context) { try await controller.confirm($0, $1, erase: false) }
        }
        router.post("/r/:id/cancel") { request, context in
            await controller.answer(request, context) { try await controller.cancel($0, $1, erase: false) }
        }
        router.get("/r/:id/erase") { request, context in
            await controller.answer(request, context) { try await controller.confirm($0, $1, erase: true) }
        }
        router.post("/r/:id/erase") { request, context in
            await controller.answer(request, context) { try await controller.cancel($0, $1, erase: true) }
        }
        router.get("/r/:id/badge.pdf") { request, context in
            await controller.answer(request, context) { try await controller.badge($0, $1) }
        }
        router.get("/r/:id/calendar.ics") { request, context in
            await controller.answer(request, context) { try await controller.calendar($0, $1) }
        }
        router.get("/checkin/:slug") { request, context in
            await controller.answer(request, context) { try await checkIn.page($0, $1) }
        }
        router.post("/checkin/:slug/unlock") { request, context in
            await controller.answer(request, context) { try await checkIn.unlock($0, $1) }
        }
        router.post("/checkin/:slug/scan") { request, context in
            await controller.answer(request, context) { try await checkIn.scan($0, $1) }
        }
        router.post("/checkin/:slug/lock") { request, context in
            await controller.answer(request, context) { try await checkIn.lock($0, $1) }
        }
        router.get("/c/:code") { request, context in
            await controller.answer(request, context) { try await certificates.page($0, $1) }
        }
        router.get("/c/:code/certificate.pdf") { request, context in
            await controller.answer(request, context) { try await certificates.pdf($0, $1) }
        }
    }
}
