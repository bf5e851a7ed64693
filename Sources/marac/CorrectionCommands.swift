import ArgumentParser
import MaracCases

/// Corrections of a referral's status that belong to the meeting's work
/// (issue 20), registered under `marac referral`.
struct ReverseDeclineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reverse-decline", abstract: "Reverse a decline: the referral is received again, to be screened afresh.",
        discussion: "The coordinator's. The decline and its reason stay in the case's history.")
    @OptionGroup var global: GlobalOptions
    @Argument var ref: String
    @Option(help: "Why (required).") var reason: String
    func run() throws {
        let session = try openSession(global)
        try guarded { try session.reverseDecline(ref, reason: reason) }
        note("\(ref) is received again")
    }
}
