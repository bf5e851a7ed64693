import ArgumentParser
import Foundation
import MaracCases
import MaracCore

/// `marac transfer …` (issue 25): a case moving from one MARAC to another.
/// (`import`/`export`, in TransferCommands.swift, move referrals as CSV.)
struct MaracTransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer", abstract: "Send a case to another MARAC, take one in, decide on it, read the acknowledgement.",
        subcommands: [Out.self, In.self, Decide.self, Ack.self, List.self, Chase.self, History.self, Figures.self, Peer.self]
    )

    struct Out: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "out",
            abstract: "Write one age file with the victim's cases and their history for another MARAC.",
            discussion: "Needs consent or a recorded reason and lawful basis, as screening does. The flowchart's questions are asked at a terminal when not given as options. The file is readable by you only; the access log records what left and to whom.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case's reference.") var ref: String
        @Option(help: ArgumentHelp("The receiving MARAC's name.", valueName: "name")) var to: String
        @Option(help: ArgumentHelp("The receiving MARAC's age public key, from its `marac key show`.", valueName: "age1key")) var recipient: String
        @Option(help: "The file to write (created readable by you only).") var out: String
        @Option(help: "The move: temporary or permanent.") var move: String?
        @Option(help: "The date of the move, YYYY-MM-DD.") var movedOn: String?
        @Option(help: "When this MARAC heard the case, YYYY-MM-DD (leave out: not heard here).") var heardOn: String?
        @Option(help: "Has this MARAC's agenda with the case already gone out: yes or no.") var agendaCirculated: String?
        @Option(help: "Who the IDVA handed over to (leave out: no handover arranged).") var idvaHandover: String?
        @Option(help: "Should the receiving MARAC redo the risk checklist: yes or no.") var redoChecklist: String?

        func run() throws {
            let session = try openSession(global)
            let asked = TransferQuestions.ask(move: move, movedOn: movedOn, heardOn: heardOn, agendaCirculated: agendaCirculated,
                                              idvaHandover: idvaHandover, redoChecklist: redoChecklist)
            let answers = try guarded {
                do {
                    return try TransferAnswers.checked(move: asked.move, movedOn: asked.movedOn, heardOn: asked.heardOn,
                                                       agendaCirculated: asked.agendaCirculated, idvaHandoverTo: asked.idvaHandover,
                                                       redoChecklist: asked.redoChecklist, today: session.today)
                } catch { throw CaseError.from(error) }
            }
            let entry = try guarded {
                try session.transferOut(ref, to: to, recipient: recipient, answers: answers) { data in
                    try LocalFiles.create(atPath: out, contents: data)
                }
            }
            note("transfer \(entry.id) of \(entry.ref) written for \(entry.peer): pending until its acknowledgement is read (marac transfer ack FILE)")
        }
    }

    struct In: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "in",
            abstract: "Take in a case another MARAC sent: checked whole, then logged here as a referral received.",
            discussion: "Refused whole, with nothing written but the attempt in the audit trail, when the file is for another key, cut, altered, taken in before, from a newer marac, or carries a case its manifest does not list. The victim and perpetrator are matched as `referral add` matches them: an exact match joins the person recorded here; a possible match (listed by id) needs --same-person-as ID or --new-person (and --same-perpetrator-as ID or --new-perpetrator), else nothing is taken in.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The age file the other MARAC sent.") var file: String
        @Option(help: "A reference for the case here, when the sender's is already used.") var ref: String?
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            let data = try readInput(file)
            let session = try openSession(global)
            let receipt = try guarded { try session.transferIn(data, ref: ref, identity: identity.choices) }
            write("\(receipt.ref)\ttransferred from \(receipt.from)\thistory items: \(receipt.history)\n")
            for line in receipt.missing { note("missing: \(line)") }
            note("decide with: marac transfer decide \(receipt.ref) list|note|reject --reason TEXT --ack-out FILE")
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "decide",
            abstract: "List a case taken in for a meeting, note it without a hearing, or reject it; writes the acknowledgement.",
            discussion: "The acknowledgement is an age file for the sending MARAC's stored key; send it back: they read it with `marac transfer ack FILE`.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case's reference here.") var ref: String
        @Argument(help: "list, note or reject.") var decision: String
        @Option(help: "Why (required either way).") var reason: String
        @Option(help: "The meeting to list it on, YYYY-MM-DD (default: the next planned).") var meeting: String?
        @Option(help: "The acknowledgement file to write (readable by you only).") var ackOut: String

        func run() throws {
            guard let chosen = TransferDecision(rawValue: decision) else {
                report("decision: expected list, note or reject")
                throw ExitCode(64)
            }
            let on = try meeting.map { try day($0, "meeting") }
            let session = try openSession(global)
            try guarded {
                try session.decideTransfer(ref, chosen, reason: reason, meeting: on) { data in
                    try LocalFiles.create(atPath: ackOut, contents: data)
                }
            }
            note("\(ref): \(chosen.rawValue); acknowledgement written for the sending MARAC")
        }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ack",
            abstract: "Read the receiving MARAC's acknowledgement: the transfer becomes accepted or rejected, then done.",
            discussion: "When the case was accepted, say whether its open actions here close (\"transferred\") or stay open.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The acknowledgement file.") var file: String
        @Option(help: "close or keep the case's open actions here (required when accepted).") var actions: String?

        func run() throws {
            var chosen: TransferActions?
            if let actions {
                guard let value = TransferActions(rawValue: actions) else {
                    report("actions: expected close or keep")
                    throw ExitCode(64)
                }
                chosen = value
            }
            let data = try readInput(file)
            let session = try openSession(global)
            let entry = try guarded { try session.acknowledgeTransfer(data, actions: chosen) }
            write("\(entry.ref)\t\(entry.decision?.state.rawValue ?? "")\t\(entry.reason ?? "")\t\(entry.state.rawValue)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "Transfers in and out with their states and ages; overdue acknowledgements flagged.")
        @OptionGroup var global: GlobalOptions
        @Option var format: OutputFormat = .table
        @Option(help: "At most this many, newest first.") var limit = 50
        @Option(help: "The page before this transfer id (from an earlier page).") var before: Int64?

        func run() throws {
            let session = try openSession(global)
            let entries = try guarded { try session.transfers(before: before, limit: limit) }
            write(TransferPrinter.table(entries, today: session.today).render(format: format))
        }
    }

    struct Chase: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "chase",
            abstract: "Transfers out whose acknowledgement is overdue, to chase with the receiving MARAC.")
        @OptionGroup var global: GlobalOptions
        @Option var format: OutputFormat = .table

        func run() throws {
            let session = try openSession(global)
            var overdue: [TransferEntry] = []
            var before: Int64?
            // Page through every transfer: a MARAC sends a few a month, never a table's worth.
            while true {
                let page = try guarded { try session.transfers(before: before, limit: 500) }
                overdue += page.filter { $0.isOverdue(today: session.today) }
                guard let last = page.last, page.count == 500 else { break }
                before = last.id
            }
            write(TransferPrinter.table(overdue, today: session.today).render(format: format))
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history",
            abstract: "The history a case brought from another MARAC (read-only). Logged as a read.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case's reference here.") var ref: String
        @Option var format: OutputFormat = .table
        @Flag(help: "Allow the history (identifying) to a file or pipe.") var plain = false

        func run() throws {
            let sink: PackRule.Sink = isatty(STDOUT_FILENO) == 1 ? .terminal : .pipe
            do { _ = try PackRule.decide(PackRule.Request(plain: plain), sink: sink) } catch {
                report("the history holds identities: to a file or pipe only with --plain")
                throw ExitCode(64)
            }
            let session = try openSession(global)
            guard let found = try guarded({ try session.transferredHistory(ref) }) else {
                note("\(ref) did not come from another MARAC")
                return
            }
            note("transferred from \(found.transfer.peer), sent \(found.transfer.sentAt)")
            write(Table(columns: ["kind", "case there", "details"], rows: found.items.map { item in
                [item.kind, item.referral, item.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
            }).render(format: format))
        }
    }

    struct Figures: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "figures", abstract: "Transfers out and in per quarter.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "First quarter, e.g. 2026Q1.") var from: String
        @Option(help: "Last quarter (default: the first).") var to: String?
        @Option var format: OutputFormat = .table

        func run() throws {
            guard let first = Quarter(from), let last = Quarter(to ?? from), first <= last else {
                report("from, to: expected quarters such as 2026Q1, the first not after the last")
                throw ExitCode(64)
            }
            let session = try openSession(global)
            let rows = try guarded { try session.transferFigures(from: first, to: last) }
            write(Table(columns: ["quarter", "out", "in"], rows: rows.map { [$0.quarter.description, String($0.out), String($0.in)] })
                .render(format: format))
        }
    }

    struct Peer: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "peer", abstract: "The other MARACs this one sends to and hears from.",
                                                        subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Store another MARAC's age public key (from its `marac key show`).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The other MARAC's name, as its `marac config set marac-name`.") var name: String
            @Option(help: ArgumentHelp("Its age public key.", valueName: "age1key")) var key: String
            @Option(help: ArgumentHelp("Its signing public key, from its `marac key show --signing` (kept when left out). Transfers and acknowledgements from it are taken only when signed by this key.",
                                       valueName: "ed25519:key")) var signingKey: String?

            func run() throws {
                let session = try openSession(global)
                try guarded { try session.addMaracPeer(name: name, key: key, signingKey: signingKey) }
                note("key stored for that MARAC")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "The other MARACs and their keys.")
            @OptionGroup var global: GlobalOptions
            @Option var format: OutputFormat = .table

            func run() throws {
                let session = try openSession(global)
                let peers = try guarded { try session.maracPeers() }
                write(Table(columns: ["name", "key", "signing_key"], rows: peers.map { [$0.name, $0.key, $0.signingKey ?? ""] }).render(format: format))
            }
        }
    }
}

/// The list's columns: one transfer a row, its age in days and whether its acknowledgement is overdue.
enum TransferPrinter {
    static func table(_ entries: [TransferEntry], today: Day) -> Table {
        Table(columns: ["id", "direction", "marac", "ref", "state", "decision", "sent", "age_days", "overdue", "reason"], rows: entries.map {
            [String($0.id), $0.direction.rawValue, $0.peer, $0.ref, $0.state.rawValue, $0.decision?.rawValue ?? "",
             String($0.sentAt.prefix(10)), $0.age(today: today).map(String.init) ?? "", $0.isOverdue(today: today) ? "yes" : "no", $0.reason ?? ""]
        })
    }
}

/// The flowchart's questions, asked at a terminal for any not given as options.
enum TransferQuestions {
    struct Answers { var move, movedOn, heardOn, agendaCirculated, idvaHandover, redoChecklist: String? }

    static func ask(move: String?, movedOn: String?, heardOn: String?, agendaCirculated: String?, idvaHandover: String?,
                    redoChecklist: String?) -> Answers {
        var answers = Answers(move: move, movedOn: movedOn, heardOn: heardOn, agendaCirculated: agendaCirculated,
                              idvaHandover: idvaHandover, redoChecklist: redoChecklist)
        // With no terminal the options are the answers: a missing one is refused by the rule, never guessed.
        guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else { return answers }
        func prompt(_ question: String) -> String? {
            FileHandle.standardError.write(Data((question + " ").utf8))
            return readLine()?.trimmingCharacters(in: .whitespaces)
        }
        if answers.move == nil { answers.move = prompt("Is the move temporary or permanent?") }
        if answers.movedOn == nil { answers.movedOn = prompt("Date of the move (YYYY-MM-DD)?") }
        if heardOn == nil { answers.heardOn = prompt("Heard at this MARAC on (YYYY-MM-DD; empty: not heard here)?") }
        if answers.agendaCirculated == nil { answers.agendaCirculated = prompt("Has the agenda with this case already gone out (yes/no)?") }
        if idvaHandover == nil { answers.idvaHandover = prompt("IDVA handover arranged to whom (empty: not arranged)?") }
        if answers.redoChecklist == nil { answers.redoChecklist = prompt("Should the receiving MARAC redo the risk checklist (yes/no)?") }
        return answers
    }
}
