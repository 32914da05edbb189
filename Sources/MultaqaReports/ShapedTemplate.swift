import Mustache
import Synchronization

/// A template rendered once per shape of its values, then filled. The shape is everything but the
/// texts: which names are given, which flags are set, how long each list is. Rendering a shape
/// puts a numbered hole where each text goes; a message of that shape is then its rendering with
/// the holes filled, each text escaped as the template asked (`{{name}}` or `{{{name}}}`).
/// Mustache looks every name up through dynamic casts and reflection, which cost a mail more than
/// the rest of its composing; filling a kept rendering costs a copy of its bytes.
///
/// A template may only place a text, never transform it or choose by its content. The first
/// message of each shape is also rendered directly and compared: a shape whose filled rendering
/// differs (a transform, a lambda) is rendered directly from then on.
public final class ShapedTemplate: Sendable {
    private enum Piece: Sendable {
        case text(String)
        case hole(Int, escaped: Bool)
    }

    private enum Shape: Sendable {
        case pieces([Piece])
        case direct
    }

    private let template: MustacheTemplate
    private let escape: @Sendable (String) -> String
    private let shapes = Mutex<[String: Shape]>([:])
    /// Shapes kept at most; a template whose values take more shapes than this renders the
    /// others directly, so memory stays bounded whatever the data.
    static let capacity = 256

    /// `escape` is what the template's `{{name}}` does to a text: HTML escaping by default, as in
    /// Mustache and in the `HTML_UTF8` content type.
    public init(_ template: MustacheTemplate, escape: @escaping @Sendable (String) -> String = HTMLEscaping().escapeText) {
        self.template = template
        self.escape = escape
    }

    public func render(_ values: TemplateObject) -> String {
        render(ShapedValues(values))
    }

    /// Renders values described once for several templates (a mail's text and HTML).
    public func render(_ shaped: ShapedValues) -> String {
        switch shapes.withLock({ $0[shaped.key] }) {
        case .pieces(let pieces):
            return fill(pieces, shaped.texts)
        case .direct:
            return directRendering(shaped.values)
        case nil:
            let direct = directRendering(shaped.values)
            var next = 0
            let holed = template.render(Self.holedValue(.object(shaped.values), next: &next))
            let shape: Shape
            if let pieces = Self.pieces(of: holed, holes: shaped.texts.count), fill(pieces, shaped.texts) == direct {
                shape = .pieces(pieces)
            } else {
                shape = .direct
            }
            shapes.withLock { kept in
                if kept.count < Self.capacity { kept[shaped.key] = shape }
            }
            return direct
        }
    }

    /// Mustache's rendering of the values themselves, without holes.
    public func directRendering(_ values: TemplateObject) -> String {
        template.render(Self.mustacheValue(.object(values)))
    }

    /// The value as Mustache reads it.
    private static func mustacheValue(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let items): items.map(mustacheValue)
        case .object(let values):
            TemplateValues(Dictionary(values.entries.map { ($0.name, mustacheValue($0.value)) }) { _, last in last })
        }
    }

    /// The value as Mustache reads it, each text replaced by a numbered hole, `\u{1}N&\u{2}`,
    /// numbered as `ShapedValues` lists the texts. The `&` tells an escaped place (`&amp;`) from an
    /// unescaped one.
    private static func holedValue(_ value: TemplateValue, next: inout Int) -> Any {
        switch value {
        case .text:
            defer { next += 1 }
            return "\u{1}\(next)&\u{2}"
        case .flag(let flag):
            return flag
        case .list(let items):
            var converted: [Any] = []
            for item in items { converted.append(holedValue(item, next: &next)) }
            return converted
        case .object(let values):
            var converted: [String: Any] = [:]
            for (name, value) in values.entries { converted[name] = holedValue(value, next: &next) }
            return TemplateValues(converted)
        }
    }

    /// The rendering cut at its holes; nil when a hole came out changed (a transform, a lambda).
    private static func pieces(of rendering: String, holes: Int) -> [Piece]? {
        let bytes = Array(rendering.utf8)
        var pieces: [Piece] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x01 else {
                index += 1
                continue
            }
            if start < index { pieces.append(.text(String(decoding: bytes[start..<index], as: UTF8.self))) }
            var cursor = index + 1
            var number = 0
            var digits = 0
            while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]), digits < 9 {
                number = number * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
                digits += 1
            }
            guard digits > 0, number < holes, let end = bytes[cursor...].firstIndex(of: 0x02) else { return nil }
            let mark = bytes[cursor..<end]
            if mark.elementsEqual("&".utf8) {
                pieces.append(.hole(number, escaped: false))
            } else if mark.elementsEqual("&amp;".utf8) {
                pieces.append(.hole(number, escaped: true))
            } else {
                return nil
            }
            index = end + 1
            start = index
        }
        if start < bytes.count { pieces.append(.text(String(decoding: bytes[start...], as: UTF8.self))) }
        return pieces
    }

    private func fill(_ pieces: [Piece], _ texts: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(8192)
        for piece in pieces {
            switch piece {
            case .text(let text): out.append(contentsOf: text.utf8)
            case .hole(let number, let escaped): out.append(contentsOf: (escaped ? escape(texts[number]) : texts[number]).utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
