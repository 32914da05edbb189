import Mustache

/// The values a template reads, by name. Mustache reads a `[String: Any]` through a conditional
/// conformance (`Dictionary: MustacheParent where Key == String`), which the runtime re-checks at
/// every name a template looks up; this wrapper's conformance is unconditional, so each lookup
/// costs a cached check.
struct TemplateValues: MustacheParent {
    private let values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values
    }

    public func child(named name: String) -> Any? {
        values[name]
    }
}
