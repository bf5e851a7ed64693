import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// The lawful bases a case may be shared on without the victim's consent.
struct LawfulBasisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lawful-basis", abstract: "The lawful bases for sharing a case without consent (referral --lawful-basis CODE).",
        subcommands: [List.self, Add.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the lawful bases: code and the law it stands for.")
        @OptionGroup var global: GlobalOptions
        @Option var format: OutputFormat = .table
        func run() throws {
            let session = try openSession(global)
            let bases = try guarded { try session.lawfulBases() }
            write(Table(columns: ["code", "text"], rows: bases.map { [$0.code, $0.text] }).render(format: format))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", 
            abstract: "Add a lawful basis, as the MARAC's information-sharing protocol names it (never changed or removed).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Code: letters, digits, _ - ., e.g. crime_prevention.") var code: String
        @Argument(help: "The law, e.g. \"UK GDPR Art 6(1)(e); DPA 2018 Sch 1 para 10 (preventing or detecting unlawful acts)\".") var text: String
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.addLawfulBasis(code: code, text: text) }
            note("lawful basis added: \(code.lowercased())")
        }
    }
}
