import Foundation
import Testing

/// Runs the real `marac` binary on a database in its own temporary folder,
/// with today fixed so dates in tests never drift.
final class MaracRun {
    static let binary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/marac")

    let folder: URL
    var db: String { folder.appendingPathComponent("marac.db").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    struct Result {
        var status: Int32
        var out: String
        var err: String
        var errorLines: [String] { err.split(whereSeparator: \.isNewline).map(String.init).filter { $0.hasPrefix("error: ") } }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(out.utf8)) }
    }

    @discardableResult
    func callAsFunction(_ arguments: String..., today: String = "2026-11-24") throws -> Result {
        try run(["--db", db] + arguments, today: today)
    }

    /// `executable`: another program to run marac through (strace), given marac's path in `arguments`.
    func run(_ arguments: [String], today: String = "2026-11-24", environment extra: [String: String] = [:],
             executable: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? MaracRun.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MARAC_TODAY"] = today
        environment.removeValue(forKey: "MARAC_DB")
        environment.removeValue(forKey: "MARAC_PASSPHRASE")
        environment.merge(extra) { $1 }
        process.environment = environment
        // Output goes to files, so a large output can never block the child on a full pipe.
        let outURL = folder.appendingPathComponent("out-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        return Result(status: process.terminationStatus, out: try String(contentsOf: outURL, encoding: .utf8),
                      err: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// Writes a file into the test's folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Every referral as JSON objects, for before/after comparisons.
    func referrals() throws -> [[String: Any]] {
        let result = try self("referral", "list", "--plain", "--limit", "10000", "--format", "json")
        #expect(result.status == 0, "\(result.err)")
        return try result.json() as? [[String: Any]] ?? []
    }
}
