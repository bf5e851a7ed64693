import Foundation
import Testing

/// The front ends decide nothing and touch no storage: every user action goes
/// through the use-case layer (MaracCases), where its one transaction is.
@Suite struct ArchitectureTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    static func files(_ target: String) throws -> [(String, String)] {
        let folder = sources.appendingPathComponent(target)
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try paths.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    static let forbidden: [(String, String)] = [
        ("import GRDB", "the database library"),
        ("import MaracStore", "the store (use MaracCases)"),
        (".writer.", "a database connection"),
        ("Service(", "a store service"),
        ("SettingStore", "the setting table"),
        ("Audit.record", "an audit row written outside a use case"),
    ]
    static let sql = try! NSRegularExpression(pattern: #"\b(SELECT\s+\S|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b"#)

    @Test(arguments: ["marac", "MaracTUI"])
    func frontEndsHoldNoSQLAndNoStoreAccess(target: String) throws {
        let files = try Self.files(target)
        #expect(files.count > 5)
        for (name, text) in files {
            for (needle, what) in Self.forbidden {
                #expect(!text.contains(needle), "\(target)/\(name) reaches \(what) directly")
            }
            let range = NSRange(text.startIndex..., in: text)
            #expect(Self.sql.firstMatch(in: text, range: range) == nil, "\(target)/\(name) holds SQL")
        }
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
