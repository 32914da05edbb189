import Foundation

/// A PDF read back as a person and a scanner would: kept under `.build/test-output/NAME/` to be
/// looked at, turned into pictures by poppler's `pdftoppm` at 150 dpi (about what an office printer
/// and a scanner's camera resolve), every QR code of every page decoded by `zbarimg`
/// (zbar-tools), its text extracted by `pdftotext`.
public struct PrintedPDF {
    public let file: URL
    public let pages: [URL]

    /// Writes `data` to `.build/test-output/<name>/document.pdf` (replacing what a previous run
    /// left there) and makes one picture per page.
    public init(_ data: Data, name: String) throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/test-output/\(name)")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        file = directory.appendingPathComponent("document.pdf")
        try data.write(to: file)
        let made = try ExternalProgram.run(
            "/usr/bin/pdftoppm", ["-r", "150", "-png", file.path, directory.appendingPathComponent("page").path])
        guard made.status == 0 else { throw TestFailure("pdftoppm could not read \(file.path)") }
        pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".png") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// What every QR code of every page holds, page after page. With a grid, each cell of each
    /// page is read alone, as a scanner at the door sees one badge: zbar sometimes misses one of
    /// eight codes on a whole page that it reads at once in its cell.
    public func qrCodes(columns: Int = 1, rows: Int = 1) throws -> [String] {
        var decoded: [String] = []
        for (index, page) in pages.enumerated() {
            guard columns * rows > 1 else {
                decoded += try Self.decode(page)
                continue
            }
            let (width, height) = try Self.pixels(page)
            for row in 0..<rows {
                for column in 0..<columns {
                    let cell = page.deletingLastPathComponent().appendingPathComponent("cell-\(index + 1)-\(row)-\(column)")
                    let made = try ExternalProgram.run(
                        "/usr/bin/pdftoppm",
                        [
                            "-r", "150", "-f", "\(index + 1)", "-l", "\(index + 1)", "-x", "\(column * width / columns)",
                            "-y", "\(row * height / rows)", "-W", "\(width / columns)", "-H", "\(height / rows)",
                            "-singlefile", "-png", file.path, cell.path,
                        ])
                    guard made.status == 0 else { throw TestFailure("pdftoppm could not cut \(cell.path)") }
                    let picture = cell.appendingPathExtension("png")
                    decoded += try Self.decode(picture)
                    try? FileManager.default.removeItem(at: picture)
                }
            }
        }
        return decoded
    }

    private static func decode(_ picture: URL) throws -> [String] {
        let (_, output) = try ExternalProgram.run(
            "/usr/bin/zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", picture.path])
        return output.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// A PNG's width and height, from its header.
    private static func pixels(_ picture: URL) throws -> (Int, Int) {
        let header = [UInt8](try Data(contentsOf: picture).prefix(24))
        guard header.count == 24 else { throw TestFailure("\(picture.path) is not a PNG") }
        func number(_ at: Int) -> Int { header[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    /// The text, as search, copy and screen readers get it.
    public func text() throws -> String {
        try ExternalProgram.run("/usr/bin/pdftotext", ["-enc", "UTF-8", file.path, "-"]).output
    }

    /// Whether the text holds `word`: pdftotext writes some Arabic words in visual order, reversed.
    public func mentions(_ word: String, in text: String) -> Bool {
        text.contains(word) || text.contains(String(word.reversed()))
    }
}
