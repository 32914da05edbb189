/// One broken rule, naming the field (dotted path, e.g. `name.ar`) and the rule in words.
public struct FieldViolation: Equatable, Sendable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
