/// Values with their shape worked out: what a `ShapedTemplate` keeps a rendering by (every name,
/// flag and list length) and the texts that fill its holes, in order. Worked out once, the same
/// values render through several templates.
public struct ShapedValues: Sendable {
    public let values: TemplateObject
    let key: String
    let texts: [String]

    public init(_ values: TemplateObject) {
        // Bytes, made a text once: appending small texts to a String costs more than copying them.
        var key: [UInt8] = []
        key.reserveCapacity(1024)
        var texts: [String] = []
        texts.reserveCapacity(64)
        Self.describe(.object(values), key: &key, texts: &texts)
        self.values = values
        self.key = String(decoding: key, as: UTF8.self)
        self.texts = texts
    }

    /// Appends the value's shape to `key` and its texts to `texts`, in the order in which the
    /// template numbers its holes: names and items as given.
    private static func describe(_ value: TemplateValue, key: inout [UInt8], texts: inout [String]) {
        switch value {
        case .text(let text):
            key.append(UInt8(ascii: "t"))
            texts.append(text)
        case .flag(let flag):
            key.append(UInt8(ascii: flag ? "1" : "0"))
        case .list(let items):
            key.append(UInt8(ascii: "["))
            for item in items { describe(item, key: &key, texts: &texts) }
            key.append(UInt8(ascii: "]"))
        case .object(let values):
            key.append(UInt8(ascii: "{"))
            for (name, value) in values.entries {
                key.append(contentsOf: name.utf8)
                key.append(UInt8(ascii: ":"))
                describe(value, key: &key, texts: &texts)
                key.append(UInt8(ascii: ","))
            }
            key.append(UInt8(ascii: "}"))
        }
    }
}
