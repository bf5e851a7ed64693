import ArgumentParser
import Foundation
import MaracCore

/// A file to import, read a chunk at a time (issue 11): the import's checking
/// thread asks for the next chunk as it reaches the end of the last, so
/// memory holds a chunk, never the file. The first bytes are read at once to
/// tell an age file (opened whole, in memory) from a plain CSV.
/// `@unchecked Sendable`: the chunks are asked for by one thread at a time
/// (the checking thread, once the command has handed the file over).
final class CSVFileChunks: @unchecked Sendable {
    static let chunkSize = 64 * 1024
    private let handle: FileHandle
    private let path: String
    /// The first bytes, until they are handed over as the first chunk.
    private(set) var start: Data
    private var startTaken = false

    private init(handle: FileHandle, path: String, start: Data) {
        self.handle = handle
        self.path = path
        self.start = start
    }

    deinit { try? handle.close() }

    /// Opens `path` (exit 66 when it is missing or cannot be read, as `readInput`).
    static func open(_ path: String) throws -> CSVFileChunks {
        guard FileManager.default.fileExists(atPath: path) else {
            report("\(path): no such file")
            throw ExitCode(66)
        }
        guard let handle = FileHandle(forReadingAtPath: path),
              let start = try? handle.read(upToCount: chunkSize) ?? Data() else {
            report("\(path): cannot be read")
            throw ExitCode(66)
        }
        return CSVFileChunks(handle: handle, path: path, start: start)
    }

    /// The next chunk of the file; nil at its end.
    func next() throws(CSVSyntaxError) -> [UInt8]? {
        if !startTaken {
            startTaken = true
            let first = [UInt8](start)
            start = Data()
            if !first.isEmpty { return first }
        }
        do {
            guard let data = try handle.read(upToCount: Self.chunkSize), !data.isEmpty else { return nil }
            return [UInt8](data)
        } catch {
            // The reader puts in the line it had reached.
            throw CSVSyntaxError(line: 0, message: "the file could not be read to the end", notText: true)
        }
    }

    /// The whole file, for an age file opened in memory.
    func rest() throws -> Data {
        var all = start
        do { all += try handle.readToEnd() ?? Data() } catch {
            report("\(path): cannot be read")
            throw ExitCode(66)
        }
        return all
    }
}
