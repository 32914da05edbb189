import Mustache

/// The HTML escaping of `{{value}}` in the mail's HTML, chosen by the template's first line
/// (`{{% CONTENT_TYPE: HTML_UTF8}}`): the same five characters as Mustache's own HTML escaping,
/// found among the text's UTF-8 bytes instead of its characters, which cost a mail more than
/// the rest of its rendering. Working on bytes also escapes a `<` that a combining mark follows,
/// which a comparison of whole characters lets through.
public struct HTMLEscaping: MustacheContentType {
    public static let name = "HTML_UTF8"

    /// Makes the pragma known; templates that name it parse only after this ran.
    public static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    public init() {}

    public func escapeText(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }
        // Most texts have nothing to escape: scanning their bytes in place settles that fastest.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where special(byte) { return false }
            return true
        }
        if plain ?? !text.utf8.contains(where: special) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
