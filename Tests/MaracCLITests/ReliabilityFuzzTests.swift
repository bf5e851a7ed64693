import Foundation
import MaracCore
import Testing

/// Mutated import files and random arguments. A file is either imported
/// exactly (every value as written) or rejected with contract lines
/// (`FILE:LINE: column: message`) and the database unchanged. No input, file
/// or argument, ever ends marac with a signal. `MARAC_FUZZ_FILES` and
/// `MARAC_FUZZ_ARGS` set the counts (scripts/soak: 2,000 files).
@Suite struct ReliabilityFuzzTests {
    static let columns = ["referral_ref", "referred_on", "referring_agency", "victim_name", "victim_dob", "referrer",
                          "relationship", "consent", "consent_note", "children_in_household", "perpetrator_name"]
    static let textColumns: Set<String> = ["victim_name", "referrer", "relationship", "consent_note", "perpetrator_name"]

    enum Mutation: CaseIterable {
        case bom, crlf, quotedNewline, quotes, formula, unicode
        case latin1, utf16, huge, nul, control, manyColumns, impossibleDate, enormousNumber, futureDate
        case truncate, byteFlip, dropHeader, duplicateColumn, extraField, emptyFile

        /// Mutations after which the file must still import.
        var keepsValid: Bool { [.bom, .crlf, .quotedNewline, .quotes, .formula, .unicode].contains(self) }
        /// Mutations after which the file must be rejected.
        var breaks: Bool { ![.truncate, .byteFlip].contains(self) && !keepsValid }
    }

    static func quote(_ text: String) -> String {
        text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" } || text.hasPrefix(" ") || text.hasSuffix(" ")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Rows of field values for file `n`, before mutation.
    static func rows(_ n: Int, count: Int, rng: inout Seeded) -> [[String]] {
        (1...count).map { i in
            ["F\(n)-\(i)", "2026-0\(1 + i % 9)-1\(i % 10)", ["police", "idva", "mash", "housing"][i % 4], "Name \(n) \(i)",
             "1980-02-0\(1 + i % 9)", "Referrer \(i)", "partner", "given", "", String(i % 5), i % 2 == 0 ? "Perp \(i)" : ""]
        }
    }

    static func render(_ header: [String], _ rows: [[String]], newline: String = "\n") -> String {
        ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: newline) + newline
    }

    /// One mutated file: its bytes and the mutations applied.
    static func mutated(_ n: Int, rng: inout Seeded) -> (Data, [Mutation], [[String]]) {
        var header = columns
        var rows = rows(n, count: Int.random(in: 1...6, using: &rng), rng: &rng)
        // Harmless mutations first, so a breaking one is never overwritten by a later pick.
        let picks = (0..<Int.random(in: 1...2, using: &rng)).map { _ in Mutation.allCases.randomElement(using: &rng)! }
            .sorted { $0.keepsValid && !$1.keepsValid }
        var newline = "\n", prefix = "", suffixColumns = 0
        var bytes: ((Data) -> Data)? = nil
        for mutation in picks {
            let r = Int.random(in: 0..<rows.count, using: &rng)
            switch mutation {
            case .bom: prefix = "\u{FEFF}"
            case .crlf: newline = "\r\n"
            case .quotedNewline: rows[r][7] = "not_given"; rows[r][8] = ["line one\nline two", "a\r\nb", "x\n\n,y\""].randomElement(using: &rng)!
            case .quotes: rows[r][3] = "Zoë \"Zo\" O'Neill, Jr"
            case .formula: rows[r][[3, 5, 6].randomElement(using: &rng)!] = ["=1+1", "+44 20 7946", "-3", "@SUM(A1)", "=HYPERLINK(\"http://x\")"].randomElement(using: &rng)!
            case .unicode: rows[r][3] = ["李小龙", "Ángela Núñez", "محمد", "Zoë\u{202E}x", "👩🏽‍🦱 Emoji"].randomElement(using: &rng)!
            case .latin1: bytes = { data in var d = data; d.append(contentsOf: [0x5A, 0x6F, 0xEB]); return d }
            case .utf16: bytes = { data in (String(decoding: data, as: UTF8.self)).data(using: .utf16)! }
            case .huge: rows[r][[3, 5, 6, 8].randomElement(using: &rng)!] = String(repeating: "h", count: [2001, 70_000, 1_000_000].randomElement(using: &rng)!)
            case .nul: rows[r][3] = "Ann\u{0}Smith"
            case .control: rows[r][5] = "Ref\u{1B}[31m\u{07}"
            case .manyColumns: suffixColumns = 10_000
            case .impossibleDate: rows[r][[1, 4].randomElement(using: &rng)!] = ["2026-02-30", "2025-13-01", "0000-00-00", "2026-2-3"].randomElement(using: &rng)!
            case .enormousNumber: rows[r][9] = ["99999999999999999999", "-1", "1e9", "9223372036854775808"].randomElement(using: &rng)!
            case .futureDate: rows[r][1] = "2099-01-01"
            case .truncate:
                let fraction = Double.random(in: 0..<1, using: &rng)
                bytes = { data in data.prefix(Int(Double(data.count) * fraction)) }
            case .byteFlip:
                let position = Int.random(in: 0..<10_000, using: &rng), value = UInt8.random(in: 0...255, using: &rng)
                bytes = { data in var d = data; if !d.isEmpty { d[position % d.count] = value }; return d }
            case .dropHeader: header = []
            case .duplicateColumn: if header.count > 5 { header[5] = "relationship" }
            case .extraField: rows[r].append("extra")
            case .emptyFile: bytes = { _ in Data() }
            }
        }
        if suffixColumns > 0 {
            header += (0..<suffixColumns).map { "x\($0)" }
            rows = rows.map { $0 + Array(repeating: "", count: suffixColumns) }
        }
        var text = prefix + (header.isEmpty ? rows.map { $0.map(quote).joined(separator: ",") }.joined(separator: newline) + newline : render(header, rows, newline: newline))
        if picks.contains(.emptyFile) { text = "" }
        var data = Data(text.utf8)
        if let bytes { data = bytes(data) }
        return (data, picks, rows)
    }

    static func state(_ db: String) throws -> String {
        try SQLite.run(db, "SELECT (SELECT COUNT(*) FROM referral), (SELECT total(version) FROM referral), (SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM audit)")
    }

    @Test func mutatedFilesAreImportedExactlyOrRejectedWithNothingWritten() throws {
        var rng = Seeded(Soak.seed &+ 10)
        let marac = try MaracRun()
        #expect(try marac("init").status == 0)
        let line = try Regex("^error: [^\\n]+?:[0-9]+: [^:]+: .+$")
        var imported = 0, rejected = 0, crashes = 0, inexact = 0, changed = 0, badLines = 0, wrongOutcome = 0
        var examples: [String] = []
        for n in 0..<Soak.fuzzFiles {
            let (data, mutations, rows) = Self.mutated(n, rng: &rng)
            let path = marac.folder.appendingPathComponent("fuzz-\(n).csv").path
            FileManager.default.createFile(atPath: path, contents: data)
            let before = try Self.state(marac.db)
            let ending = try Child.run(["--db", marac.db, "import", "referrals", path], folder: marac.folder)
            defer { try? FileManager.default.removeItem(atPath: path) }
            if ending.signalled { crashes += 1; examples.append("signal \(mutations)"); continue }
            if ending.status == 0 {
                imported += 1
                // A truncated or flipped file may have lost the broken part: only a clean break must be refused.
                if mutations.contains(where: \.breaks), !mutations.contains(where: { $0 == .truncate || $0 == .byteFlip }) {
                    wrongOutcome += 1; examples.append("accepted \(mutations)")
                }
                // Exactly: every record of the file (as the project's CSV reader sees it) is stored value for value.
                if mutations.allSatisfy(\.keepsValid) {
                    let export = try marac("export", "referrals", "--plain").out
                    let exported = try CSV.parse(export)
                    let head = exported[0].fields
                    let byRef = Dictionary(exported.dropFirst().map { ($0.fields[0], $0.fields) }, uniquingKeysWith: { a, _ in a })
                    for row in rows {
                        guard let stored = byRef[row[0]] else { inexact += 1; examples.append("missing \(row[0]) \(mutations)"); continue }
                        for (index, column) in Self.columns.enumerated() where Self.textColumns.contains(column) {
                            let value = CSV.unneutralised(stored[head.firstIndex(of: column)!])
                            if value != row[index].trimmingCharacters(in: .whitespacesAndNewlines) {
                                inexact += 1; examples.append("\(row[0]).\(column) \(mutations)")
                            }
                        }
                    }
                }
            } else {
                rejected += 1
                if mutations.allSatisfy(\.keepsValid) { wrongOutcome += 1; examples.append("rejected \(mutations): \(ending.err.prefix(200))") }
                if ending.status != 65 { wrongOutcome += 1; examples.append("exit \(ending.status) \(mutations)") }
                let lines = ending.err.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                if lines.isEmpty || !lines.allSatisfy({ String($0).wholeMatch(of: line) != nil && $0.contains(path) }) {
                    badLines += 1; examples.append("lines \(mutations): \(ending.err.prefix(200))")
                }
                if try Self.state(marac.db) != before { changed += 1; examples.append("changed \(mutations)") }
            }
        }
        Soak.figures("fuzz-files", [("files", Soak.fuzzFiles), ("imported", imported), ("rejected", rejected), ("inexact", inexact),
                                    ("changed_on_reject", changed), ("bad_error_lines", badLines), ("wrong_outcome", wrongOutcome),
                                    ("crashes", crashes), ("integrity", try SQLite.integrityOK(marac.db) ? "ok" : "FAILED")])
        #expect(crashes == 0 && inexact == 0 && changed == 0 && badLines == 0 && wrongOutcome == 0, "\(examples.prefix(8))")
    }

    static let commands: [[String]] = [
        ["referral", "list", "--plain"], ["referral", "show", "--plain"], ["referral", "add", "--plain"], ["referral", "screen"], ["referral", "queue", "--plain"], ["referral", "lapse"],
        ["meeting", "list"], ["meeting", "create"], ["meeting", "agenda"], ["meeting", "minutes"], ["meeting", "add-case"], ["meeting", "heard"],
        ["action", "list", "--plain"], ["action", "add"], ["action", "complete"], ["audit"], ["stats"], ["report"], ["export", "referrals", "--plain"],
        ["import", "referrals"], ["config", "get"], ["config", "set"], ["agency", "list"], ["init"],
    ]
    static let options = ["--limit", "--after", "--format", "--year", "--financial-year", "--quarter", "--from", "--to", "--ref", "--agency",
                          "--victim-name", "--referrer", "--due", "--owner", "--status", "--band", "--since", "--entity", "--seed",
                          "--adult-female-population", "--out", "--accept", "--decline", "--reason", "--note", "--update", "--force", "--suppress"]
    static let values = ["9223372036854775807", "-9223372036854775808", "99999999999999999999", "0", "-1", "1", "2026", "9999", "0000",
                         "2026Q5", "9999Q4", "0001-01-01", "9999-12-31", "2026-02-30", "", " ", "csv", "json", "table", "md", "xml",
                         "BR-2026-0001", "police", "\u{1B}[2J", "\u{202E}", "Ann\nSmith", String(repeating: "x", count: 100_000),
                         "%n%n%n", "../../etc/passwd", "'; DROP TABLE referral; --", "1e308", "NaN", "-0", "2026-11-24", "0x10"]

    @Test func randomArgumentsNeverEndInASignal() throws {
        var rng = Seeded(Soak.seed &+ 11)
        let marac = try MaracRun()
        #expect(try marac("import", "referrals", try marac.file("base.csv", Referrals.csv(prefix: "A", count: 5))).status == 0)
        var crashes = 0, unexpected = 0
        var codes: [Int32: Int] = [:], examples: [String] = []
        let allowed: Set<Int32> = [0, 1, 64, 65, 66, 74, 75, 77]
        for _ in 0..<Soak.fuzzArguments {
            var arguments = Self.commands.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                if Bool.random(using: &rng) { arguments.append(Self.options.randomElement(using: &rng)!) }
                var value = Self.values.randomElement(using: &rng)!
                if value.hasPrefix("../") || arguments.last == "--out" { value = marac.folder.appendingPathComponent("out-file").path }
                arguments.append(value)
            }
            let ending = try Child.run(["--db", marac.db] + arguments, folder: marac.folder)
            codes[ending.status, default: 0] += 1
            if ending.signalled { crashes += 1; examples.append("signal \(ending.status): \(arguments.map { $0.prefix(40) })") }
            else if !allowed.contains(ending.status) { unexpected += 1; examples.append("exit \(ending.status): \(arguments.map { $0.prefix(40) })") }
        }
        Soak.figures("fuzz-arguments", [("runs", Soak.fuzzArguments), ("crashes", crashes), ("unexpected_exit", unexpected),
                                        ("exits", codes.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","))])
        #expect(crashes == 0 && unexpected == 0, "\(examples.prefix(8))")
        #expect(try SQLite.integrityOK(marac.db))
    }
}
