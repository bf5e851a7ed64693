import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// People held in the database, as data subjects.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "A person as a data subject: a subject access request.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write everything held about one person (their referrals, what was shared, actions, who read their record) for a subject access request.",
            discussion: """
                ID is the person's id (`referral show REF --format json`: victim_id, perpetrator_id). The file is JSON; \
                third parties are redacted (docs/operations.md). The request is on the audit trail and the access log.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The person's id.") var id: Int64
        @Option(help: "The file to write (created readable by you only).") var out: String
        @Flag(help: "Write the file unencrypted (required until age encryption is available here).") var plain = false

        func validate() throws {
            guard id > 0 else { throw ValidationError("ID must be a person's id, a whole number above 0") }
            guard plain else { throw ValidationError("the file holds identities: give --plain to write it unencrypted") }
        }

        func run() throws {
            let session = try openSession(global)
            let report = try guarded { try session.subjectAccess(personID: id, destination: "a file (plain)") }
            let text = SubjectAccessDocument(report, producedAt: session.producedAt, producedBy: session.actor.name).json().render() + "\n"
            guard let file = try? FileModes.openForWriting(atPath: out) else {
                marac.report("\(out): cannot be written")
                throw ExitCode(74)
            }
            defer { try? file.close() }
            file.write(Data(text.utf8))
            note("subject access: \(report.cases.count) referrals, \(report.reads.count) reads of the record written to \(out)")
        }
    }
}
