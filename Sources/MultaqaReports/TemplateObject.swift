/// Named values for a template, in the order they were given. The order lets a `ShapedTemplate`
/// number an object's texts without sorting its names; giving the same names in another order
/// only makes another shape.
public struct TemplateObject: Sendable, ExpressibleByDictionaryLiteral {
    private(set) var entries: [(name: String, value: TemplateValue)]

    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        entries = []
        entries.reserveCapacity(elements.count + 8)
        for (name, value) in elements { self[name] = value }
    }

    /// A name given twice keeps its first place and its last value.
    public subscript(name: String) -> TemplateValue? {
        get { entries.first { $0.name == name }?.value }
        set {
            let index = entries.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((name, value))
            case (nil, nil): break
            }
        }
    }
}
