import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracTUI

@main
struct Marac: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marac",
        abstract: "Case management for a MARAC: referrals, risk, meetings and actions.",
        discussion: "With no command, opens the terminal UI (the triage queue first; ? for help).",
        version: MaracVersion.text,
        subcommands: [
            InitCommand.self, DemoCommand.self, ReferralCommand.self, ImportCommand.self, ExportCommand.self,
            MeetingCommand.self, ActionCommand.self, StatsCommand.self, ReportCommand.self, AgencyCommand.self, AuditCommand.self, ConfigCommand.self,
            UserCommand.self, KeyCommand.self, OpenCommand.self, BackupCommand.self, RestoreCommand.self,
            LawfulBasisCommand.self, PurgeCommand.self, PersonCommand.self, PerpetratorCommand.self,
            MaracTransferCommand.self, DisclosureCommand.self, IncidentCommand.self, FlagCommand.self,
            PanelCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        // Say why before touching the database, so a pipe or TERM=dumb fails fast.
        if let reason = TUI.unsupportedReason() {
            report(reason)
            throw ExitCode(64)
        }
        let session = try openSession(global, connections: .pool)
        let code = TUI.run(session: session, files: UIWeekFiles())
        if code != 0 { throw ExitCode(code) }
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the database (or bring its schema up to date).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try openSession(global)
        note("database ready: \(session.databasePath)")
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill an empty database with synthetic data (never real people).",
        discussion: "Refuses to write into a database that holds records demo did not make."
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Seed: the same seed gives the same data.") var seed: UInt64 = 1
    @Option(help: "small (two years of one borough) or large (100,000 referrals).") var size: DemoSize = .small

    func run() throws {
        let session = try openSession(global)
        let outcome = try guarded { try session.fillDemo(seed: seed, size: size) }
        switch outcome {
        case .alreadyDemo:
            note("demo data already present in \(session.databasePath)")
        case let .filled(referrals, meetings, actions):
            note("DEMO: \(referrals) referrals, \(meetings) meetings, \(actions) actions in \(session.databasePath)")
        }
    }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Settings of this MARAC.",
                                                    subcommands: [Set.self, Get.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a setting, e.g. adult-female-population 130000 or marac-name \"Bromley MARAC\".")
        @OptionGroup var global: GlobalOptions
        @Argument var key: String
        @Argument var value: String

        func run() throws {
            guard Settings.userSettable[key] != nil || Settings.textSettings[key] != nil || Settings.codedSettings[key] != nil else {
                report("key: not a setting; use one of \((Array(Settings.userSettable.keys) + Array(Settings.textSettings.keys) + Array(Settings.codedSettings.keys)).sorted().joined(separator: " "))")
                throw ExitCode(64)
            }
            let session = try openSession(global)
            try guarded { try session.changeSetting(key, to: value) }
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Print a setting.")
        @OptionGroup var global: GlobalOptions
        @Argument var key: String

        func run() throws {
            let session = try openSession(global)
            guard let value = try guarded({ try session.setting(key) }) else { throw ExitCode(1) }
            write(value + "\n")
        }
    }
}

/// Until the terminal UI lands, `marac` alone prints what the coordinator
/// opens it for: the referrals waiting to be screened.
enum TriageQueuePrinter {
    static func print(_ session: Session) throws {
        let (queue, waiting) = try guarded { try session.triageQueue(limit: 50) }
        let demo = (try? session.isDemo()) == true
        write((demo ? "DEMO DATA: synthetic people only\n" : "") + "Triage queue: \(waiting) waiting to be screened\n")
        // Repeats found from incidents come first (issue 23): each is referred back whatever the score.
        let repeats = try guarded { try session.incidentsToReferBack(limit: 50) }
        if !repeats.isEmpty {
            write(Table(columns: ["incident", "ref", "occurred", "agency", "abuse types", "summary", "to do"], rows: repeats.map { n in
                [String(n.id), n.ref ?? "", n.occurredOn.description, n.agency, AbuseType.text(n.abuseTypes), truncated(n.summary, 30),
                 n.finding.words + " (marac incident refer \(n.id))"]
            }).render(format: .table))
        }
        let today = session.today
        let table = Table(columns: ["ref", "received", "days", "victim", "score", "band", "criteria", "repeat", "serial", "children", "agency"],
                          rows: queue.map { r in
                              [r.ref, r.referredOn.description, String(r.referredOn.days(until: today)), truncated(r.victimName, 24),
                               r.score.map(String.init) ?? "-", r.riskWords, r.criteria.map(\.shortFlag).joined(),
                               r.isRepeat ? "repeat" : "", r.serial?.isSerial == true ? "\(r.serial?.differentVictims ?? 0) victims" : "",
                               String(r.childrenInHousehold), r.referringAgency]
                          })
        write(table.render(format: .table))
    }
}

extension DemoSize: ExpressibleByArgument {}
