import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// One person, one record (issue 20): the coordinator's commands for people
/// recorded twice. Ids only are printed, so nothing here is identifying.
extension PersonCommand {
    struct Duplicates: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "duplicates",
            abstract: "List pairs of people who may be one person, with the rule that found them (coordinator).",
            discussion: """
                Rules (docs/identity.md): similar_name (same date of birth, names a typo apart), swapped_names (same \
                date of birth, given and family names swapped or spaced differently), alias (same date of birth, one's \
                name an alias of the other), dob_typo (same name, dates of birth one digit apart or day and month \
                swapped). Merged-away people and dismissed pairs are left out. Printed as found, never all held at once.
                """)
        @OptionGroup var global: GlobalOptions
        @Option var format: OutputFormat = .table

        func run() throws {
            let session = try openSession(global)
            let columns = ["first", "second", "role", "reason"]
            var out = ""
            var count = 0
            func flush() { write(out); out = "" }
            func cells(_ pair: DuplicatePair) -> [String] { [String(pair.first), String(pair.second), pair.role.rawValue, pair.reason.rawValue] }
            switch format {
            case .table: out = Self.tableLine(columns)
            case .csv: out = CSV.row(columns)
            case .json: out = "["
            }
            let found = try guarded {
                try session.possibleDuplicates { pair in
                    switch format {
                    case .table: out += Self.tableLine(cells(pair))
                    case .csv: out += CSV.row(cells(pair))
                    case .json:
                        out += (count == 0 ? "" : ",") + JSON.object(zip(columns, cells(pair)).map { name, value in
                            (name, name == "first" || name == "second" ? .int(Int(value) ?? 0) : .string(value))
                        }).render()
                    }
                    count += 1
                    if count % 1000 == 0 { flush() }
                }
            }
            if format == .json { out += "]\n" }
            flush()
            note("\(found) possible duplicate pairs")
        }

        /// Fixed widths, so each line can be printed as it is found.
        static func tableLine(_ cells: [String]) -> String {
            let widths = [10, 10, 12]
            return cells.enumerated().map { i, cell in
                i < widths.count ? cell.padding(toLength: max(widths[i], cell.count + 2), withPad: " ", startingAt: 0) : cell
            }.joined() + "\n"
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "merge",
            abstract: "Merge two records of one person: every referral, alias, child and search entry of OTHER moves to KEEP (coordinator).",
            discussion: """
                OTHER's name becomes an alias of KEEP; repeats are worked out again. OTHER's record is kept, marked \
                merged, so its id stays valid. Prints the merge's id: `marac person unmerge ID` undoes it exactly. \
                Different dates of birth need --force.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The person to keep.") var keep: Int64
        @Argument(help: "The person merged into KEEP.") var other: Int64
        @Option(help: "Why they are one person (kept with the merge).") var reason: String
        @Flag(help: "Merge although the dates of birth differ.") var force = false

        func validate() throws {
            guard keep > 0, other > 0 else { throw ValidationError("KEEP and OTHER must be people's ids, whole numbers above 0") }
        }

        func run() throws {
            let session = try openSession(global)
            let outcome = try guarded { try session.mergePeople(keep: keep, other: other, reason: reason, force: force) }
            write("\(outcome.mergeID)\n")
            note("merge \(outcome.mergeID): person \(outcome.otherID) merged into person \(outcome.keepID), \(outcome.referralsMoved) referrals moved")
        }
    }

    struct Unmerge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unmerge",
            abstract: "Undo a merge exactly: the referrals, aliases and search entries it moved go back (coordinator).",
            discussion: "ID is the merge's id, as `marac person merge` printed it (and the audit trail names it: merge=ID).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The merge's id.") var id: Int64

        func validate() throws {
            guard id > 0 else { throw ValidationError("ID must be a merge's id, a whole number above 0") }
        }

        func run() throws {
            let session = try openSession(global)
            let outcome = try guarded { try session.unmergePeople(mergeID: id) }
            note("merge \(outcome.mergeID) undone: person \(outcome.otherID) has \(outcome.referralsMoved) referrals again")
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "dismiss",
            abstract: "Record that two people are not one person: the pair is never listed again (coordinator).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "One person's id.") var first: Int64
        @Argument(help: "The other's id.") var second: Int64
        @Option(help: "Why they are two people.") var reason: String

        func validate() throws {
            guard first > 0, second > 0 else { throw ValidationError("the two ids must be people's ids, whole numbers above 0") }
        }

        func run() throws {
            let session = try openSession(global)
            try guarded { try session.dismissDuplicate(first, second, reason: reason) }
            note("person \(min(first, second)) and person \(max(first, second)) recorded as two people")
        }
    }
}

/// The pairs an import added for review, by id and rule only (stderr).
enum PossibleDuplicatesNote {
    static let shown = 50

    static func print(_ pairs: [DuplicatePair], more: Bool = false) {
        guard !pairs.isEmpty else { return }
        let count = more ? "more than \(pairs.count)" : "\(pairs.count)"
        note("\(count) possible existing people to review (marac person duplicates; merge or dismiss):")
        for pair in pairs.prefix(shown) { note("  \(pair.role.rawValue) \(pair.first) and \(pair.second): \(pair.reason.rawValue)") }
        if pairs.count > shown || more { note("  … and \(more ? "more" : String(pairs.count - shown)): marac person duplicates") }
    }
}
