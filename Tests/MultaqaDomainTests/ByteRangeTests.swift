import MultaqaDomain
import Testing

/// `Range` as video players and PDF viewers send it.
@Suite("Byte ranges")
struct ByteRangeTests {
    @Test("forms of a single range against a file of 1,000 bytes")
    func forms() {
        #expect(ByteRange.parse("bytes=0-99", size: 1000) == .range(.init(start: 0, end: 99)))
        #expect(ByteRange.parse("bytes=900-", size: 1000) == .range(.init(start: 900, end: 999)))
        #expect(ByteRange.parse("bytes=-100", size: 1000) == .range(.init(start: 900, end: 999)))
        #expect(ByteRange.parse("bytes=-5000", size: 1000) == .range(.init(start: 0, end: 999)))
        #expect(ByteRange.parse("bytes=990-5000", size: 1000) == .range(.init(start: 990, end: 999)))
        #expect(ByteRange.parse(" bytes=5-9 ", size: 1000) == .range(.init(start: 5, end: 9)))
    }

    @Test("beyond the file is unsatisfiable; what is not a single byte range is the whole file")
    func edges() {
        #expect(ByteRange.parse("bytes=1000-", size: 1000) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=-0", size: 1000) == .unsatisfiable)
        #expect(ByteRange.parse(nil, size: 1000) == .whole)
        #expect(ByteRange.parse("items=0-5", size: 1000) == .whole)
        #expect(ByteRange.parse("bytes=0-1,5-9", size: 1000) == .whole)
        #expect(ByteRange.parse("bytes=9-5", size: 1000) == .whole)
        #expect(ByteRange.parse("bytes=abc", size: 1000) == .whole)
        #expect(ByteRange.parse("bytes=0-99", size: 1000).length == 100)
    }
}

extension ByteRange.Parsed {
    var length: Int64? {
        if case .range(let range) = self { return range.length }
        return nil
    }
}
