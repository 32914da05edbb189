/// A value a template reads, typed: a text, a flag that shows or hides a section, a list a section
/// repeats, or named values. A `ShapedTemplate` tells the texts (the holes it fills) from the rest
/// (the shape it renders once) by these cases.
public enum TemplateValue: Sendable {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateObject)
}
