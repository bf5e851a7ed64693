import ArgumentParser
import Foundation
import MaracCore
import MaracCases

extension MeetingCommand {
    /// Minutes a chair would sign (issue 22): the chair, start and end, and
    /// the representatives' names. Names typed here go to every agency, so a
    /// name from one of the meeting's cases is refused unless confirmed.
    struct Chair: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chair",
            abstract: "Record who chaired the meeting on DATE, when it started and ended, and each representative's name (for the minutes).")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "The chair's name.") var chair: String?
        @Option(help: "When the meeting started, HH:MM (24-hour).") var started: String?
        @Option(help: "When it ended, HH:MM (24-hour).") var ended: String?
        @Option(help: "AGENCY=NAME: who came for an agency recorded present (repeat for each).") var representative: [String] = []
        @Flag(help: "Save a name even though it matches a name in one of the meeting's cases.") var caseNameConfirmed = false

        func validate() throws {
            guard chair != nil || started != nil || ended != nil || !representative.isEmpty else {
                throw ValidationError("give at least one of --chair, --started, --ended, --representative")
            }
            for pair in representative where !pair.contains("=") {
                throw ValidationError("--representative needs AGENCY=NAME")
            }
        }

        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            var names: [String: String] = [:]
            for pair in representative {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                names[parts[0].trimmingCharacters(in: .whitespaces).lowercased()] = String(parts[1])
            }
            if !caseNameConfirmed {
                // Minutes name people from a case only in its own section: a
                // name typed here that matches one is a slip until confirmed.
                let typed = ([chair].compactMap { $0 } + names.values).joined(separator: " ")
                let found = try guarded { try session.caseNamesIn(typed, meeting: when) }
                if !found.isEmpty {
                    report("chair/representative: matches a name in one of the meeting's cases; the minutes go to every agency: correct it, or give --case-name-confirmed")
                    throw ExitCode(65)
                }
            }
            try guarded { try session.recordChairing(on: when, chair: chair, started: started, ended: ended, representatives: names) }
            note("recorded for the minutes of \(when)")
        }
    }
}
