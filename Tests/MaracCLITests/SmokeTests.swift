import Foundation
import Testing

/// The first thing a newcomer runs: the real binary, a real file, a demo.
@Suite struct SmokeTests {
    private static let binary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/marac")

    private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = SmokeTests.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MARAC_TODAY"] = "2026-11-24"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func demoFillsAnEmptyDatabaseAndRefusesARealOne() throws {
        #expect(FileManager.default.isExecutableFile(atPath: SmokeTests.binary.path), "build first: swift build --product marac")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-smoke-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = folder.appendingPathComponent("demo.db").path
        let filled = try run(["--db", demo, "demo", "--seed", "1"])
        #expect(filled.status == 0)
        #expect(filled.err.contains("DEMO:"))
        let queue = try run(["--db", demo, "referral", "queue", "--plain"])
        #expect(queue.status == 0)
        #expect(queue.out.hasPrefix("DEMO DATA"))
        // The same seed gives the same data.
        let again = folder.appendingPathComponent("again.db").path
        _ = try run(["--db", again, "demo", "--seed", "1"])
        let first = try run(["--db", demo, "export", "referrals", "--format", "csv", "--plain"])
        let second = try run(["--db", again, "export", "referrals", "--format", "csv", "--plain"])
        #expect(first.out == second.out)
        #expect(first.out.split(whereSeparator: \.isNewline).count > 300)

        let real = folder.appendingPathComponent("real.db").path
        let added = try run(["--db", real, "referral", "add", "--plain", "--ref", "R-1", "--agency", "idva", "--victim-name", "Real Person", "--ric-score", "15"])
        #expect(added.status == 0)
        let refused = try run(["--db", real, "demo"])
        #expect(refused.status == 77)
        #expect(refused.err.hasPrefix("error: "))
        let list = try run(["--db", real, "referral", "list", "--plain", "--format", "csv"])
        #expect(list.out.split(whereSeparator: \.isNewline).count == 2)
    }
}
