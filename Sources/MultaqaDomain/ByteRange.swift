/// One range of bytes a client asks for with `Range` (RFC 9110 §14.1.2): video players and PDF
/// viewers fetch a file piece by piece.
public struct ByteRange: Equatable, Sendable {
    /// First byte, inclusive.
    public let start: Int64
    /// Last byte, inclusive.
    public let end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    public var length: Int64 { end - start + 1 }

    public enum Parsed: Equatable, Sendable {
        /// No usable range: the whole file is sent (a range in another unit, a malformed header,
        /// or several ranges, which RFC 9110 lets a server answer in full).
        case whole
        case range(ByteRange)
        /// A well-formed range that lies beyond the file: 416.
        case unsatisfiable
    }

    /// `bytes=0-99`, `bytes=100-`, `bytes=-500` against a file of `size` bytes.
    public static func parse(_ header: String?, size: Int64) -> Parsed {
        guard let header else { return .whole }
        let trimmed = header.strippingBlanks()
        guard trimmed.lowercased().hasPrefix("bytes=") else { return .whole }
        let spec = trimmed.dropFirst(6).strippingBlanks()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash].strippingBlanks()
        let last = spec[spec.index(after: dash)...].strippingBlanks()
        if first.isEmpty {
            // A suffix: the last N bytes.
            guard let suffix = Int64(last), suffix >= 0, last.allSatisfy(\.isASCII) else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .range(ByteRange(start: max(0, size - suffix), end: size - 1))
        }
        guard let start = Int64(first), start >= 0 else { return .whole }
        let end: Int64
        if last.isEmpty {
            end = size - 1
        } else {
            guard let value = Int64(last), value >= start else { return .whole }
            end = min(value, size - 1)
        }
        guard start < size else { return .unsatisfiable }
        return .range(ByteRange(start: start, end: end))
    }
}

extension StringProtocol {
    /// Without the spaces and tabs HTTP allows around a header's parts.
    fileprivate func strippingBlanks() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
