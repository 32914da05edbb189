import MultaqaAPIClient

extension Components.Schemas.Problem {
    /// Whether the problem names `needle` anywhere a person or a program reads it: the rule, the
    /// title, the detail, or a field error's field or message.
    package func mentions(_ needle: String) -> Bool {
        let texts = [rule, title, detail].compactMap(\.self) + (errors ?? []).flatMap { [$0.field, $0.message] }
        return texts.contains { $0.contains(needle) }
    }
}
