import Foundation
import Testing

/// The layers of docs/architecture.md. The compiler holds most of the
/// boundary: the use-case layer imports the store `internal`ly and re-exports
/// nothing, so no store type can appear in its public API and a front end
/// naming one does not build. What the compiler cannot see is checked here:
/// a front end importing the store or GRDB itself (SwiftPM lets a target
/// import any module built before it), naming a type the store declares, or
/// SQL anywhere above the store.
@Suite struct ArchitectureTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    static func files(_ target: String) throws -> [(String, String)] {
        let folder = sources.appendingPathComponent(target)
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try paths.sorted().map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    static let frontEnds = ["marac", "MaracTUI", "MaracDocuments", "marac-uibench"]

    /// Every type the store declares at the top level, read from its sources.
    static func storeTypes() throws -> Set<String> {
        let declaration = try NSRegularExpression(
            pattern: #"^(?:public |package |internal |fileprivate |private )?(?:final )?(?:struct|enum|class|protocol|typealias|actor) ([A-Za-z_][A-Za-z0-9_]*)"#,
            options: [.anchorsMatchLines])
        var names = Set<String>()
        for (_, text) in try files("MaracStore") {
            for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                names.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return names
    }

    /// The identifiers of a Swift text outside comments and string literals.
    static func identifiers(_ text: String) -> Set<String> {
        var code = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let characters = Array(line)
            var inString = false, index = 0
            while index < characters.count {
                let character = characters[index]
                if !inString, character == "/", index + 1 < characters.count, characters[index + 1] == "/" { break }
                if character == "\"" { inString.toggle() }
                code.append(inString || character == "\"" ? " " : character)
                index += 1
            }
            code.append("\n")
        }
        return Set(code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
    }

    @Test func theStoreDeclaresTheTypesThisTestLooksFor() throws {
        // Guards the parser above: were it to find nothing, every front end would pass.
        let names = try Self.storeTypes()
        for known in ["MaracDatabase", "ReferralQueries", "FileModes", "SharedServer", "AuditChain", "RecordReader"] {
            #expect(names.contains(known), "the store's \(known) was not found")
        }
    }

    @Test(arguments: frontEnds)
    func frontEndsNameNoStoreType(target: String) throws {
        let storeTypes = try Self.storeTypes()
        let files = try Self.files(target)
        #expect(!files.isEmpty)
        for (name, text) in files {
            let named = Self.identifiers(text).intersection(storeTypes)
            #expect(named.isEmpty, "\(target)/\(name) names the store's \(named.sorted().joined(separator: ", "))")
            for module in ["MaracStore", "GRDB", "GRDBSQLite"] {
                #expect(!text.contains("import \(module)\n"), "\(target)/\(name) imports \(module)")
            }
        }
    }

    /// The store reads and writes; it decides nothing: no refusal of its own
    /// and no audit row of its own decision. The audit mechanism itself
    /// (`AuditChain.swift`: `Audit.record`, `Access.record`) is what the use
    /// cases call.
    @Test func theStoreDecidesNothing() throws {
        let decisions = ["CaseError(", "Audit.record(", "Audit.recordAll(", "Access.record(", "appendAudit(", "appendAudits(", "appendAccess("]
        for (name, text) in try Self.files("MaracStore") where name != "AuditChain.swift" {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                for needle in decisions where code.contains(needle) {
                    Issue.record("MaracStore/\(name):\(number + 1) decides (\(needle.dropLast()))")
                }
            }
        }
    }

    static let sql = try! NSRegularExpression(pattern: #"\b(SELECT\s+\S|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA\s+\w)"#)

    @Test(arguments: frontEnds + ["MaracCases"])
    func noSQLAboveTheStore(target: String) throws {
        for (name, text) in try Self.files(target) {
            let range = NSRange(text.startIndex..., in: text)
            #expect(Self.sql.firstMatch(in: text, range: range) == nil, "\(target)/\(name) holds SQL")
        }
    }

    /// Planted faults: the checks above catch a front end naming a store type
    /// and a file holding SQL (so they cannot pass by finding nothing).
    @Test func theChecksCatchAPlantedFault() throws {
        let storeTypes = try Self.storeTypes()
        #expect(!Self.identifiers("let d = try MaracDatabase(path: p)").intersection(storeTypes).isEmpty)
        #expect(Self.identifiers("// MaracDatabase in a comment\nlet s = \"FileModes\"").intersection(storeTypes).isEmpty)
        let planted = "db.execute(sql: \"DELETE FROM referral\")"
        #expect(Self.sql.firstMatch(in: planted, range: NSRange(planted.startIndex..., in: planted)) != nil)
    }

    @Test func theUseCaseLayerNamesNoFlagOrCommand() throws {
        for target in ["MaracCases", "MaracStore", "MaracCore"] {
            for (name, text) in try Self.files(target) {
                #expect(!text.contains("\"marac "), "\(target)/\(name) names a command")
                #expect(!text.contains("use --"), "\(target)/\(name) names a flag")
            }
        }
    }
}
