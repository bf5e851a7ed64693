import ArgumentParser
import Foundation
import MaracCore
import MaracCases

struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "The agencies at the table: the 14 referral routes and local agencies.",
        subcommands: [List.self, Add.self, Key.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List agency codes.")
        @OptionGroup var global: GlobalOptions
        @Option var format: OutputFormat = .table
        func run() throws {
            let session = try openSession(global)
            let agencies = try guarded { try session.agencies() }
            // Whether packs can be encrypted to each agency; the key itself is public but long.
            write(Table(columns: ["code", "name", "kind", "key"], rows: agencies.map {
                [$0.code, $0.name, $0.isRoute ? "referral route" : "local", $0.ageRecipient == nil ? "no" : "yes"]
            })
                .render(format: format))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a local agency (for actions and attendance; referral routes stay the 14).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Code: lower-case letters, digits and _, e.g. bromley_refuge.") var code: String
        @Argument(help: "Name, e.g. \"Bromley Refuge\".") var name: String
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.addAgency(code: code, name: name) }
            note("agency added: \(code)")
        }
    }

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "key", 
            abstract: "Store the agency's age public key: circulation packs for it (--agency CODE) are encrypted to it.",
            discussion: "The agency makes its key with age-keygen and sends the public line (age1…); the secret stays with the agency."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The agency's code.") var code: String
        @Argument(help: ArgumentHelp("The agency's age public key.", valueName: "age-public-key")) var key: String
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.setAgencyKey(code: code, key: key) }
            note("key stored for agency \(code)")
        }
    }
}
