import ArgumentParser
import Foundation
import MaracCore
import MaracCases

struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "The agencies at the table: the 14 referral routes and local agencies.",
        subcommands: [List.self, Add.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List agency codes.")
        @OptionGroup var global: GlobalOptions
        @Option var format: OutputFormat = .table
        func run() throws {
            let session = try openSession(global)
            let agencies = try guarded { try session.agencies() }
            write(Table(columns: ["code", "name", "kind"], rows: agencies.map { [$0.code, $0.name, $0.isRoute ? "referral route" : "local"] })
                .render(format: format))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a local agency (for actions and attendance; referral routes stay the 14).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Code: lower-case letters, digits and _, e.g. bromley_refuge.") var code: String
        @Argument(help: "Name, e.g. \"Bromley Refuge\".") var name: String
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.addAgency(code: code, name: name) }
            note("agency added: \(code)")
        }
    }
}
