import MultaqaDomain
import PostgresNIO

/// Reads a row's columns in order, so that a decoder reads like the SELECT list it follows and
/// rows wider than a tuple decode without counting.
struct Cells {
    private let row: PostgresRandomAccessRow
    private var index = 0

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    mutating func next<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
        defer { index += 1 }
        return try row[index].decode(T.self)
    }

    /// The next column without moving on (to tell whether an outer-joined row is there).
    func peek<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
        try row[index].decode(T.self)
    }

    /// Three columns `x_ar, x_fr, x_en`.
    mutating func localized() throws -> LocalizedText {
        LocalizedText(ar: try next(String?.self), fr: try next(String?.self), en: try next(String?.self))
    }
}
