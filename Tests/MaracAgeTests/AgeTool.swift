import Foundation

/// Runs the real `age` and `age-keygen` (Debian's, v1.1.1) in a temporary
/// folder. age reads passphrases only from a terminal, so those runs go
/// through script(1), which gives it a pseudo-terminal fed from our stdin.
final class AgeTool {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-age-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    struct Result {
        var status: Int32
        var out: Data
        var err: String
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func write(_ name: String, _ data: Data) throws -> String {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    func read(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], input: Data = Data()) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let outURL = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        let inURL = folder.appendingPathComponent("stdin-\(UUID().uuidString)")
        try input.write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let stdin = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        process.waitUntilExit()
        try out.close(); try err.close(); try stdin.close()
        defer { for url in [outURL, errURL, inURL] { try? FileManager.default.removeItem(at: url) } }
        return Result(status: process.terminationStatus, out: try Data(contentsOf: outURL),
                      err: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    func age(_ arguments: String...) throws -> Result { try run("/usr/bin/age", arguments) }

    /// A fresh key pair from age-keygen: the identity file's path and the public key.
    func keygen(_ name: String) throws -> (file: String, publicKey: String) {
        let file = path(name)
        let result = try run("/usr/bin/age-keygen", ["-o", file])
        guard result.status == 0 else { throw ToolError.failed(result.err) }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# public key: ") }) else {
            throw ToolError.failed("no public key in \(text.count) characters")
        }
        return (file, String(line.dropFirst("# public key: ".count)))
    }

    /// `age` with a passphrase typed at its terminal prompt(s).
    func ageWithTerminal(_ arguments: [String], typing lines: [String]) throws -> Result {
        let command = (["age"] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try run("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"],
                       input: Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    enum ToolError: Error { case failed(String) }
}

/// Deterministic test bytes of any length (a repeating pattern, not zeros, so
/// a misplaced chunk shows).
func sampleBytes(_ count: Int, seed: UInt8 = 7) -> Data {
    var data = Data(count: count)
    var value = seed
    for i in 0..<count {
        value = value &* 31 &+ 11
        data[i] = value
    }
    return data
}
