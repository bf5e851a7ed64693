import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The reliability suite (issue 8) drives the real binary: kill -9 at random
/// moments, many writers at once, fuzzed files and arguments. Sizes come from
/// the environment so CI runs a short version and `scripts/soak` the long one.
enum Soak {
    static func int(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? fallback
    }
    /// Trials of each crash kind (import, single commands, init, lapse).
    static var crashTrials: Int { int("MARAC_CRASH_TRIALS", 6) }
    static var writers: Int { int("MARAC_WRITERS", 4) }
    static var readers: Int { int("MARAC_READERS", 2) }
    static var writeSeconds: Int { int("MARAC_WRITE_SECONDS", 4) }
    static var fuzzFiles: Int { int("MARAC_FUZZ_FILES", 60) }
    static var fuzzArguments: Int { int("MARAC_FUZZ_ARGS", 150) }
    static let seed: UInt64 = UInt64(int("MARAC_SEED", Int(Date().timeIntervalSince1970) % 100_000))

    /// One line of figures per test, collected by scripts/soak into docs/reliability.md.
    static func figures(_ name: String, _ pairs: [(String, Any)]) {
        print("RELIABILITY \(name) " + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: " ") + " seed=\(seed)")
    }
}

/// A small deterministic generator (SplitMix64), so a failing seed replays.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// How a child process ended.
struct Ending: Sendable {
    var status: Int32
    var signalled: Bool
    var err: String
    var out: String
    /// Killed by us (SIGKILL) rather than crashed on its own.
    var killedByUs: Bool
}

/// Starts the real binary without waiting, so a test can kill it mid-flight.
final class Child: @unchecked Sendable {
    let process = Process()
    let outURL: URL, errURL: URL
    private var killed = false

    init(_ arguments: [String], folder: URL, environment extra: [String: String] = [:]) throws {
        process.executableURL = MaracRun.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MARAC_TODAY"] = "2026-11-24"
        environment.removeValue(forKey: "MARAC_DB")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        outURL = folder.appendingPathComponent("out-\(UUID().uuidString)")
        errURL = folder.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// kill -9, as a power cut or an OOM killer would.
    func kill9() {
        if process.isRunning {
            killed = true
            kill(process.processIdentifier, SIGKILL)
        }
    }

    func wait() -> Ending {
        process.waitUntilExit()
        try? (process.standardOutput as? FileHandle)?.close()
        try? (process.standardError as? FileHandle)?.close()
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        let signalled = process.terminationReason == .uncaughtSignal
        return Ending(status: process.terminationStatus, signalled: signalled, err: err, out: out,
                      killedByUs: signalled && killed && process.terminationStatus == SIGKILL)
    }

    /// Runs to the end (or is killed after `killAfter` seconds).
    static func run(_ arguments: [String], folder: URL, environment: [String: String] = [:], killAfter: Double? = nil) throws -> Ending {
        let child = try Child(arguments, folder: folder, environment: environment)
        if let killAfter {
            let deadline = Date().addingTimeInterval(killAfter)
            while child.process.isRunning, Date() < deadline { usleep(500) }
            child.kill9()
        }
        return child.wait()
    }
}

/// The real sqlite3 shell, to look at a database the way an auditor would.
enum SQLite {
    @discardableResult
    static func run(_ db: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", db, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func count(_ db: String, _ sql: String) throws -> Int { Int(try run(db, sql)) ?? -1 }

    static func integrityOK(_ db: String) throws -> Bool { try run(db, "PRAGMA integrity_check") == "ok" }

    /// Holds the write lock for `seconds` from another process.
    static func holdWriteLock(_ db: String, seconds: Int) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "{ echo 'PRAGMA busy_timeout=5000; BEGIN IMMEDIATE; UPDATE setting SET value = value WHERE 0; SELECT 1;'; sleep \(seconds); echo 'COMMIT;'; } | sqlite3 -batch \"$0\" >/dev/null", db]
        try process.run()
        return process
    }
}

enum FileCheck {
    /// Permission bits of each file that exists: the database and its side files.
    static func modes(_ db: String) -> [String: Int] {
        var modes: [String: Int] = [:]
        for path in [db, db + "-wal", db + "-shm", db + "-journal"] {
            var info = stat()
            if lstat(path, &info) == 0 { modes[path] = Int(info.st_mode & 0o777) }
        }
        return modes
    }

    static func mode(_ path: String) -> Int? {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_mode & 0o777) : nil
    }

    /// Files among `modes` that another user could read or write.
    static func leaked(_ db: String) -> [String] {
        modes(db).filter { $0.value & 0o077 != 0 }.map { "\($0.key) \(String($0.value, radix: 8))" }
    }
}

enum Referrals {
    static let header = "referral_ref,referred_on,referring_agency,victim_name,victim_dob,perpetrator_name,ric_score,heard_on"

    /// `count` valid rows with refs `prefix-1...`, distinct victims.
    static func csv(prefix: String, count: Int, heard: Bool = false) -> String {
        var lines = [header]
        for i in 1...max(1, count) {
            let referred = heard ? "2024-0\(1 + i % 9)-1\(i % 10)" : "2026-0\(1 + i % 9)-1\(i % 10)"
            let heardOn = heard ? "2024-10-2\(i % 10)" : ""
            lines.append("\(prefix)-\(i),\(referred),police,Person \(prefix) \(i),1980-01-0\(1 + i % 9),Other \(i),\(i % 25),\(heardOn)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
