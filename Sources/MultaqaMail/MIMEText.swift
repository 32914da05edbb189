import Foundation
import MultaqaDomain

/// The encodings a message's headers and parts are written in: every line ASCII and short, so
/// that any relay passes Arabic and French through untouched.
enum MIMEText {
    /// The words of a header value: printable ASCII split at its spaces, anything else as RFC 2047
    /// encoded words of at most 36 octets (60 characters with their markers), so that a header
    /// folded between words keeps every line within 78 characters.
    /// `phrase`: a display name, where the specials of RFC 5322 (`,` `:` `<` ...) must not stand
    /// bare; a subject is free text, where they may.
    static func encodedWords(_ text: String, phrase: Bool = false) -> [String] {
        let isPlain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !text.contains("=?")
        let specials = Array("\"(),:;<>@[\\]".utf8)
        if isPlain, !phrase || !text.utf8.contains(where: { specials.contains($0) }) {
            return text.split(separator: " ").map(String.init)
        }
        // Cut between scalars, never inside one (RFC 2047 §5); a reader joins adjacent encoded
        // words without the space between them, so a letter and its marks cut apart come back whole.
        var words: [String] = []
        var chunk: [UInt8] = []
        chunk.reserveCapacity(36)
        for scalar in text.unicodeScalars {
            let count = UTF8.width(scalar)
            if chunk.count + count > 36 {
                words.append(word(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
            UTF8.encode(scalar) { chunk.append($0) }
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    /// `Name: word word ...`, folded (CRLF and a space) before a word that would take the line
    /// past 78 characters; a word longer than that stays whole on its own line.
    /// The words are ASCII, so octets are characters.
    static func header(_ name: String, _ words: [String]) -> String {
        var out = name + ":"
        var length = out.utf8.count
        for word in words {
            let width = word.utf8.count
            if length + 1 + width > 78, length > 1 {
                out += "\r\n"
                length = 0
            }
            out += " "
            out += word
            length += 1 + width
        }
        return out + "\r\n"
    }

    private static func word(_ octets: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(octets).base64EncodedString() + "?="
    }

    /// Base64 in lines of 76 characters (RFC 2045 §6.8), each ended by CRLF, written straight into
    /// the message's bytes: encoding first and cutting after cost a mail more than its templates.
    static func base64Lines(_ data: Data) -> String {
        var lines: [UInt8] = []
        appendBase64Lines(data, to: &lines)
        return String(decoding: lines, as: UTF8.self)
    }

    static func appendBase64Lines(_ data: Data, to lines: inout [UInt8]) {
        guard !data.isEmpty else { return }
        let lineCount = (data.count + 56) / 57
        let start = lines.count
        // Sized once and written in place: appending octet by octet checks the array each time.
        lines.append(contentsOf: repeatElement(0, count: (data.count + 2) / 3 * 4 + lineCount * 2))
        base64Alphabet.withUnsafeBufferPointer { alphabet in
            lines.withUnsafeMutableBufferPointer { out in
                data.withUnsafeBytes { bytes in
                    var index = 0
                    var cursor = start
                    while index < bytes.count {
                        // 57 octets make a line of 76 characters; only the last line has a remainder.
                        let end = min(index + 57, bytes.count)
                        while index + 3 <= end {
                            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                            out[cursor] = alphabet[Int(group >> 18)]
                            out[cursor + 1] = alphabet[Int(group >> 12 & 0x3F)]
                            out[cursor + 2] = alphabet[Int(group >> 6 & 0x3F)]
                            out[cursor + 3] = alphabet[Int(group & 0x3F)]
                            index += 3
                            cursor += 4
                        }
                        if index < end {
                            let two = index + 1 < end
                            let group = UInt32(bytes[index]) << 16 | (two ? UInt32(bytes[index + 1]) << 8 : 0)
                            out[cursor] = alphabet[Int(group >> 18)]
                            out[cursor + 1] = alphabet[Int(group >> 12 & 0x3F)]
                            out[cursor + 2] = two ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "=")
                            out[cursor + 3] = UInt8(ascii: "=")
                            index = end
                            cursor += 4
                        }
                        out[cursor] = 0x0D
                        out[cursor + 1] = 0x0A
                        cursor += 2
                    }
                }
            }
        }
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// RFC 5322 §3.3: `Wed, 02 Dec 2026 15:04:05 +0000`, always in English and in UTC.
    static func date(_ date: Date) -> String {
        let time = CivilTime(date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var bytes = Array((days[time.weekday - 1] + ", ").utf8)
        CivilTime.append(Int64(time.day), width: 2, to: &bytes)
        bytes.append(contentsOf: (" " + months[time.month - 1] + " ").utf8)
        CivilTime.append(time.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        CivilTime.append(Int64(time.hour), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilTime.append(Int64(time.minute), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilTime.append(Int64(time.second), width: 2, to: &bytes)
        bytes.append(contentsOf: " +0000".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }
}
