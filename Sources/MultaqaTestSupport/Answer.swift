import MultaqaAPIClient

/// The status code and the problem of any generated operation's output. Each operation has its
/// own output enum and they share no protocol, but they all have the same shape: a case per
/// documented status (`ok`, `created`, …) and `default(statusCode:_:)` with the problem. Reading
/// that shape spares a `switch` per operation in tests that only need the code.
package enum Answer {
    static let codes = [
        "ok": 200, "created": 201, "accepted": 202, "noContent": 204, "partialContent": 206, "notModified": 304,
    ]

    /// The answer's HTTP status code; 0 for a case this does not know.
    package static func statusCode(_ output: some Sendable) -> Int {
        guard let (label, value) = caseOf(output) else { return 0 }
        if let code = codes[label] { return code }
        return Mirror(reflecting: value).children.first?.value as? Int ?? 0
    }

    /// The status code and the problem of a `default` answer; nil for a documented success.
    package static func problem(_ output: some Sendable) -> (Int, Components.Responses.Problem)? {
        guard let (label, value) = caseOf(output), label == "default" else { return nil }
        let parts = Mirror(reflecting: value).children.map(\.value)
        guard parts.count == 2, let code = parts[0] as? Int, let problem = parts[1] as? Components.Responses.Problem
        else { return nil }
        return (code, problem)
    }

    private static func caseOf(_ output: some Sendable) -> (String, Any)? {
        guard let child = Mirror(reflecting: output).children.first, let label = child.label else { return nil }
        return (label, child.value)
    }
}
