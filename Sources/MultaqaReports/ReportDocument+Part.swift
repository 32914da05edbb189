extension ReportDocument.Cell {
    /// One language's share of a cell. In a bilingual report every cell that has a text in one of
    /// the two languages has a part for each, so that the two columns stay aligned: the language
    /// without a text of its own gets a part that says where the text is ("(en arabe seulement)"),
    /// and the text itself is shown once, in its own language and direction.
    public struct Part: Sendable, Equatable {
        /// `""` for a text that is the same in every language (a number, a date, a code).
        public var language: String
        public var text: String
        /// Set when this language has no text of its own: the language that has it. `text` then
        /// holds what this language does have (a label such as "Axe :"), or nothing.
        public var onlyIn: String?

        public init(language: String, text: String, onlyIn: String? = nil) {
            self.language = language
            self.text = text
            self.onlyIn = onlyIn
        }

        /// "(en arabe seulement)": in this part's language, where the text is.
        public var mark: String? {
            onlyIn.map { "(\(ReportLabels.text("only.\($0)", language)))" }
        }

        /// What formats without layout (CSV, Markdown, JSON) show: the text, then the mark; nothing
        /// for a part that is only a mark, since the text it points to is beside it.
        public var plainText: String? {
            guard let mark else { return text }
            return text.isEmpty ? nil : "\(text) \(mark)"
        }
    }
}
