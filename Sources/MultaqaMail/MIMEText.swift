import Foundation

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
        if isPlain, !phrase || !text.contains(where: { "\"(),:;<>@[\\]".contains($0) }) {
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

    /// Base64 in lines of 76 characters (RFC 2045 §6.8), each ended by CRLF.
    static func base64Lines(_ data: Data) -> String {
        let encoded = data.base64EncodedString()
        var lines = ""
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines += encoded[index..<end] + "\r\n"
            index = end
        }
        return lines
    }

    /// RFC 5322 §3.3: `Wed, 02 Dec 2026 15:04:05 +0000`, always in English and in UTC.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(
            format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", days[(parts.weekday ?? 1) - 1], parts.day ?? 1,
            months[(parts.month ?? 1) - 1], parts.year ?? 1970, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
