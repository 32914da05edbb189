import Foundation

public enum WebURL {
    /// http and https only, with a host: what a browser or a calendar can open.
    public static func validated(_ value: String?, field: String, into violations: inout [FieldViolation]) -> String? {
        guard let value else { return nil }
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        guard text.count <= 2000, let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            violations.append(FieldViolation(field: field, message: "must be an http or https URL"))
            return nil
        }
        return text
    }
}
