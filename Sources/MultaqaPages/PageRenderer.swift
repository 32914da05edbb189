import Foundation
import MultaqaDomain
import Mustache

/// Renders a page's content from its template, then the layout around it. Values are escaped by
/// the templates (`{{…}}`); only the rendered content enters the layout unescaped.
public enum PageRenderer {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        // The templates ship inside the binary and are tested; failing to parse one is a build defect.
        let templates: [(String, [UInt8])] = [
            ("layout", PackageResources.layout_mustache), ("home", PackageResources.home_mustache),
            ("event", PackageResources.event_mustache), ("register", PackageResources.register_mustache),
            ("manage", PackageResources.manage_mustache), ("message", PackageResources.message_mustache),
            ("confirm", PackageResources.confirm_mustache), ("checkin", PackageResources.checkin_mustache),
            ("certificate", PackageResources.certificate_mustache),
            // A partial: the ranking's choice lists, on the registration form and the attendee's page.
            ("ranking", PackageResources.ranking_mustache),
        ]
        for (name, bytes) in templates {
            try! library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        return library
    }()

    public static func render(_ template: String, _ context: [String: Any], shell: PageShell) -> String {
        var content = context
        let shared = shell.context()
        content["t"] = shared["t"]
        content["lang"] = shared["lang"]
        let body = library.render(content, withTemplate: template) ?? ""
        var page = shared
        page["content"] = body
        return library.render(page, withTemplate: "layout") ?? body
    }
}

/// A template's context without its absent values: a missing key is false to a section, where an
/// optional wrapped in `Any` would not be.
/// Each list also gets `has_<name>`, true when it is not empty, for the headings above it.
func present(_ values: [String: Any?]) -> [String: Any] {
    var context = values.compactMapValues { $0 }
    for (key, value) in context {
        if let list = value as? [Any] { context["has_" + key] = !list.isEmpty }
    }
    return context
}
