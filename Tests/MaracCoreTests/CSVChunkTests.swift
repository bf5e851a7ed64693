import Foundation
import Synchronization
import Testing
@testable import MaracCore

/// A file imported a chunk at a time (issue 11) must read exactly as the
/// same text read whole, wherever the chunks happen to split it: in a
/// quoted quote, between \r and \n, inside a byte order mark or a
/// multi-byte letter. Bytes that are not UTF-8 are refused with their line.
@Suite struct CSVChunkTests {
    /// The text's bytes in chunks of random sizes (1 to `largest`), empty chunks included.
    static func chunked(_ bytes: [UInt8], largest: Int, _ g: inout some RandomNumberGenerator) -> CSVReader {
        var pieces: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            let n = Int.random(in: 0...largest, using: &g)
            pieces.append(Array(bytes[i..<min(bytes.count, i + n)]))
            i += n
        }
        let queue = Mutex(pieces[...])
        return CSVReader(chunks: { () throws(CSVSyntaxError) in queue.withLock { $0.popFirst() } })
    }

    static func all(_ reader: CSVReader) -> Result<[CSVRecord], CSVSyntaxError> {
        var reader = reader
        do {
            var records: [CSVRecord] = []
            while let record = try reader.next() { records.append(record) }
            return .success(records)
        } catch { return .failure(error) }
    }

    @Test func anyChunkingReadsAsTheWholeText() {
        var g = SystemRandomNumberGenerator()
        var failures = 0
        for round in 0..<20_000 {
            let text = CSVReaderTests.randomText(&g, pieces: 0...16)
            let whole = Self.all(CSVReader(text))
            let split = Self.all(Self.chunked(Array(text.utf8), largest: round % 2 == 0 ? 1 : 7, &g))
            // Bytes already in memory (an opened age pack) read the same too.
            let bytes = Self.all(CSVReader(utf8: Array(text.utf8)))
            if whole != split || whole != bytes {
                failures += 1
                if failures <= 3 { Issue.record("differs for \(text.debugDescription): \(whole) vs \(split) vs \(bytes)") }
            }
        }
        #expect(failures == 0)
    }

    @Test func aByteOrderMarkSplitAcrossChunksIsSkippedAndAnAlmostMarkIsKept() {
        var g = SystemRandomNumberGenerator()
        let marked = Self.all(Self.chunked([0xEF, 0xBB, 0xBF] + Array("h\n1".utf8), largest: 1, &g))
        #expect(marked == .success([CSVRecord(line: 1, fields: ["h"]), CSVRecord(line: 2, fields: ["1"])]))
        // Two bytes of a mark and then other text are not a mark: they are not
        // UTF-8 either, and are refused rather than dropped.
        let almost = Self.all(Self.chunked([0xEF, 0xBB] + Array("h\n1".utf8), largest: 1, &g))
        #expect(almost == .failure(CSVSyntaxError(line: 1, message: "the file is not UTF-8 text; save it as CSV UTF-8", notText: true)))
    }

    @Test func bytesThatAreNotUTF8AreRefusedWithTheirLine() {
        var g = SystemRandomNumberGenerator()
        // Latin-1 "Zoë" on line 3, in the middle of a record and at its end.
        for tail: [UInt8] in [[0x5A, 0x6F, 0xEB, 0x2C, 0x31, 0x0A], [0x31, 0x2C, 0x5A, 0x6F, 0xEB]] {
            let bytes = Array("a,b\n1,2\n".utf8) + tail
            let result = Self.all(Self.chunked(bytes, largest: 3, &g))
            #expect(result == .failure(CSVSyntaxError(line: 3, message: "the file is not UTF-8 text; save it as CSV UTF-8", notText: true)))
        }
        #expect(Self.all(CSVReader(utf8: Array("a,b\n1,2\nZo".utf8) + [0xEB])) ==
                .failure(CSVSyntaxError(line: 3, message: "the file is not UTF-8 text; save it as CSV UTF-8", notText: true)))
        // A letter split between two chunks is still one letter.
        let split = Self.all(Self.chunked(Array("Zoë,李\n".utf8), largest: 1, &g))
        #expect(split == .success([CSVRecord(line: 1, fields: ["Zoë", "李"])]))
    }

    @Test func aSourceThatFailsIsReportedAtTheLineReached() {
        let calls = Mutex(0)
        let reader = CSVReader(chunks: { () throws(CSVSyntaxError) in
            let n = calls.withLock { $0 += 1; return $0 }
            if n == 1 { return Array("a,b\n1,2\n3,".utf8) }
            throw CSVSyntaxError(line: 0, message: "the file could not be read to the end", notText: true)
        })
        #expect(Self.all(reader) == .failure(CSVSyntaxError(line: 3, message: "the file could not be read to the end", notText: true)))
    }
}
