import MultaqaDomain
import Testing

/// The type of an uploaded file is read from its bytes.
@Suite("File types")
struct FileTypeTests {
    static func zip(_ names: [String]) -> [UInt8] {
        // Local headers only, enough for the signature and the part names.
        var bytes: [UInt8] = []
        for name in names {
            bytes += [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 22)
            bytes += [UInt8(name.utf8.count), 0, 0, 0] + Array(name.utf8)
        }
        return bytes
    }

    @Test(
        "signatures",
        arguments: [
            (Array("%PDF-1.4\n".utf8), FileType.pdf),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], FileType.png),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], FileType.jpeg),
            (zip(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]), FileType.docx),
            (zip(["[Content_Types].xml", "ppt/presentation.xml"]), FileType.pptx),
            (zip(["[Content_Types].xml", "xl/workbook.xml"]), FileType.xlsx),
            (zip(["mimetype"]) + Array("application/vnd.oasis.opendocument.text".utf8), FileType.odt),
            (Array("توصيات الورشة الأولى\nRecommandations\n".utf8), FileType.text),
        ])
    func signatures(bytes: [UInt8], expected: FileType) {
        #expect(FileType.detect(head: bytes, tail: bytes, hasNUL: false, declared: nil) == expected)
    }

    @Test("what is refused: executables, archives that are not office files, binary text")
    func refused() {
        #expect(FileType.detect(head: [0x7F, 0x45, 0x4C, 0x46, 2, 1], tail: [], hasNUL: true, declared: nil) == nil)
        let archive = Self.zip(["photos/a.jpg"])
        #expect(FileType.detect(head: archive, tail: archive, hasNUL: true, declared: nil) == nil)
        #expect(FileType.detect(head: Array("a,b\n".utf8), tail: [], hasNUL: true, declared: "text/csv") == nil)
        #expect(FileType.detect(head: [0xC3, 0x28, 0x41], tail: [], hasNUL: false, declared: nil) == nil)
        // A multi-byte Arabic letter cut by the end of the sample is still text.
        let cut = Array("مرحبا".utf8).dropLast()
        #expect(FileType.detect(head: Array(cut), tail: [], hasNUL: false, declared: nil) == .text)
    }

    @Test("CSV is text the client calls CSV; claims must agree with the bytes")
    func claims() {
        #expect(
            FileType.detect(head: Array("code,name_ar\n".utf8), tail: [], hasNUL: false, declared: "text/csv; charset=utf-8")
                == .csv)
        #expect(FileType.claim("application/pdf", agreesWith: .pdf))
        #expect(FileType.claim("application/octet-stream", agreesWith: .png))
        #expect(FileType.claim(nil, agreesWith: .docx))
        #expect(FileType.claim("Application/PDF", agreesWith: .pdf))
        #expect(!FileType.claim("application/pdf", agreesWith: .png))
        #expect(!FileType.claim("application/zip", agreesWith: .docx))
        #expect(FileType.claim("application/vnd.ms-excel", agreesWith: .csv))
    }
}
