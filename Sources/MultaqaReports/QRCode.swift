import CQRencode
import Foundation

/// A QR code made by libqrencode (Debian's, linked as libpq is), never drawn by hand: the symbol's
/// modules, and the SVG that prints them. Error correction M or better: a badge's code still
/// scans with up to 15 % of it creased or stained.
public struct QRCode: Sendable, Equatable {
    public enum Level: Sendable {
        case medium, quartile, high

        var libqrencode: QRecLevel {
            switch self {
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    public enum Failure: Error, Equatable {
        /// libqrencode refused the text (too long for any version) or ran out of memory.
        case notEncodable
    }

    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row by row, true where the module is dark.
    public let modules: [Bool]

    public init(_ text: String, level: Level = .medium) throws(Failure) {
        // Byte mode, case kept: the text is read back exactly as it was written.
        guard let symbol = QRcode_encodeString(text, 0, level.libqrencode, QR_MODE_8, 1) else { throw .notEncodable }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        var modules: [Bool] = []
        modules.reserveCapacity(width * width)
        for index in 0..<(width * width) {
            // Bit 0 of each byte is the module's colour; the other bits are libqrencode's bookkeeping.
            modules.append(symbol.pointee.data[index] & 1 == 1)
        }
        self.size = width
        self.modules = modules
    }

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// An SVG of the symbol with its quiet zone of four modules (the standard's minimum), one
    /// path of unit squares, drawn edge to edge (`crispEdges`) so that no seam shows between
    /// modules once printed.
    public func svg(side: String = "100%") -> String {
        let quiet = 4
        let total = size + 2 * quiet
        var path = ""
        path.reserveCapacity(size * size * 4)
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                // A run of dark modules on a row is one rectangle.
                var run = 1
                while x + run < size, isDark(x: x + run, y: y) { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(total) \(total)" width="\(side)" height="\(side)" \
            shape-rendering="crispEdges" role="img"><rect width="\(total)" height="\(total)" fill="#fff"/>\
            <path d="\(path)" fill="#000"/></svg>
            """
    }
}
