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
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let octets = Array(character.utf8)
            if chunk.count + octets.count > 36 {
                words.append(word(chunk))
                chunk = []
            }
            chunk.append(contentsOf: octets)
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    /// `Name: word word ...`, folded (CRLF and a space) before a word that would take the line
    /// past 78 characters; a word longer than that stays whole on its own line.
    static func header(_ name: String, _ words: [String]) -> String {
        var out = name + ":"
        var length = out.count
        for word in words {
            if length + 1 + word.count > 78, length > 1 {
                out += "\r\n"
                length = 0
            }
            out += " " + word
            length += 1 + word.count
        }
        return out + "\r\n"
    }

    private static func word(_ octets: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(octets).base64EncodedString() + "?="
    }

    /// Base64 in lines of 76 characters (RFC 2045 §6.8), each ended by CRLF. Cut as bytes: base64
    /// is ASCII, and walking it as characters cost more than encoding it.
    static func base64Lines(_ data: Data) -> String {
        let encoded = Array(data.base64EncodedString().utf8)
        var lines: [UInt8] = []
        lines.reserveCapacity(encoded.count + (encoded.count / 76 + 1) * 2)
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            lines.append(contentsOf: encoded[start..<end])
            lines.append(contentsOf: [0x0D, 0x0A])
            start = end
        }
        return String(decoding: lines, as: UTF8.self)
    }

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
