import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// People held in the database, as data subjects.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "A person as a data subject (a subject access request); people recorded twice.",
        subcommands: [Export.self, Duplicates.self, Merge.self, Unmerge.self, Dismiss.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", 
            abstract: "Write everything held about one person (their referrals, what was shared, actions, who read their record) for a subject access request.",
            discussion: """
                ID is the person's id (`referral show REF --format json`: victim_id, perpetrator_id). The file is JSON, \
                third parties redacted (docs/operations.md), encrypted as an age file (--recipient, --agency, --passphrase) \
                or plain on purpose (--plain). The request is on the audit trail and the access log.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The person's id.") var id: Int64
        @Option(help: "The file to write (created readable by you only).") var out: String
        @OptionGroup(title: "Protection (the file needs one)") var pack: PackOptions

        func validate() throws {
            guard id > 0 else { throw ValidationError("ID must be a person's id, a whole number above 0") }
        }

        func run() throws {
            let session = try openSession(global)
            // Decided (and any passphrase asked for) before anything is read or written.
            let output = try PackOutput(pack, out: out, session: session)
            let report = try guarded { try session.subjectAccess(personID: id, destination: output.destination) }
            let text = SubjectAccessDocument(report, producedAt: session.producedAt, producedBy: session.actor.name).json().render() + "\n"
            try output.writeWhole(text)
            note("subject access: \(report.cases.count) referrals, \(report.reads.count) reads of the record written to \(out)")
        }
    }
}
