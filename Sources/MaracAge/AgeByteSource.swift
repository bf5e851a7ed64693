import Foundation

/// Where an age file is read from: a file, a pipe or bytes in memory. Reading
/// in pieces lets a large file be opened without holding it whole.
public protocol AgeByteSource {
    /// Up to `count` bytes; empty only at the end of the input.
    mutating func read(upTo count: Int) throws -> Data
}

extension FileHandle: AgeByteSource {
    public func read(upTo count: Int) throws -> Data {
        try read(upToCount: count) ?? Data()
    }
}

/// Bytes already in memory.
public struct AgeDataSource: AgeByteSource {
    private let data: Data
    private var offset: Int

    public init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    public mutating func read(upTo count: Int) throws -> Data {
        let end = min(offset + count, data.endIndex)
        defer { offset = end }
        return data.subdata(in: offset..<end)
    }
}

/// A source with some bytes already read from it put back in front.
struct AgePrefixedSource: AgeByteSource {
    var prefix: Data
    var rest: AgeByteSource

    mutating func read(upTo count: Int) throws -> Data {
        if !prefix.isEmpty {
            let piece = prefix.prefix(count)
            prefix = prefix.dropFirst(piece.count)
            return Data(piece)
        }
        return try rest.read(upTo: count)
    }
}
