import Foundation
import MultaqaDomain
import PostgresNIO

/// LIKE patterns built from user text: `%`, `_` and `\` match themselves.
enum LikePattern {
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return escaped
    }
}
