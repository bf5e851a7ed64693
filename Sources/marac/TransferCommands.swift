import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments
import MaracAge

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Load records from a file.",
                                                    subcommands: [Referrals.self, ImportIncidents.self])

    struct Referrals: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "referrals", 
            abstract: "Load referrals from CSV (all or nothing).",
            discussion: "Columns: \(ReferralInput.columns.joined(separator: ", ")). Required: \(ReferralInput.requiredColumns.joined(separator: ", ")). See docs/import.md."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Replace referrals whose referral_ref already exists.") var update = false
        @Flag(help: "With --update, replace even records changed since the row's version (recorded in the audit trail).") var force = false
        @Flag(help: "The file is an age file protected by a passphrase: ask for it (or $MARAC_PASSPHRASE with no terminal). A file encrypted to the MARAC's key (marac key show) needs nothing.") var passphrase = false

        func validate() throws {
            if force && !update { throw ValidationError("--force goes with --update") }
        }

        func run() throws {
            // A plain CSV is read a chunk at a time as it is imported, never
            // held whole: memory stays flat however long the file (issue 11).
            // An age file is opened in memory, by the MARAC's key or a
            // passphrase; its rows then go through exactly the same reading
            // and the same all-or-nothing import.
            let opened = try CSVFileChunks.open(file)
            let session = try openSession(global)
            try guarded { try session.requireRealDatabase() }
            let reader: CSVReader
            if Age.looksEncrypted(opened.start) {
                let data = try opened.rest()
                let secret = try passphraseIfNeeded(for: data, asked: passphrase)
                reader = CSVReader(utf8: [UInt8](try guarded { try session.openPack(data, passphrase: secret) }))
            } else {
                reader = CSVReader(chunks: { () throws(CSVSyntaxError) in try opened.next() })
            }
            let summary = try guarded { try session.importReferrals(csv: reader, fileName: file, update: update, force: force) }
            note("imported \(summary.added) new and \(summary.updated) updated referral(s) from \(file)")
            PossibleDuplicatesNote.print(summary.possibleDuplicates, more: summary.morePossibleDuplicates)
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write records in the import format.",
                                                    subcommands: [Referrals.self])

    struct Referrals: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "referrals", abstract: "Write every referral as import-format CSV (identifying: handle as OFFICIAL-SENSITIVE).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Write to this file (created readable by you only) instead of standard output.") var out: String?
        @Option(help: "csv (the import format) or json.") var format: OutputFormat = .csv
        @OptionGroup(title: "Protection (a file or pipe needs one)") var pack: PackOptions

        func run() throws {
            let session = try openSession(global)
            let output = try PackOutput(pack, out: out, session: session)
            do {
                // The first page before anything is written: a refusal leaves no file and no header behind.
                var page = try guarded { try session.exportPage(afterID: 0, limit: 1000, destination: output.destination) }
                var first = true
                var rows = 0
                // A terminal gets everything escaped (PackOutput); a file or pipe the exact bytes.
                if format == .json { try output.emit("[\n") } else { try output.emit(CSV.row(ReferralInput.columns)) }
                while true {
                    var text = ""
                    for row in page.rows {
                        switch format {
                        case .json:
                            let object = JSON.object(zip(ReferralInput.columns, row).map { ($0, $1.isEmpty ? .null : .string($1)) })
                            text += (first ? "" : ",\n") + "  " + object.render(indent: 1)
                        case .csv, .table:
                            text += CSV.safeRow(output.isTerminal ? row.map(TerminalText.escape) : row)
                        }
                        first = false
                        rows += 1
                    }
                    try output.emit(text)
                    guard let last = page.lastID else { break }
                    page = try guarded { try session.exportPage(afterID: last, limit: 1000, destination: output.destination) }
                }
                if format == .json { try output.emit("\n]\n") }
                try output.finish()
                try guarded { try session.recordExport(rows: rows, destination: output.destination) }
            } catch {
                output.abandon()
                throw error
            }
        }
    }
}
