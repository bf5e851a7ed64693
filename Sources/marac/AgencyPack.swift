import ArgumentParser
import Foundation
import MaracAge
import MaracCases

/// How a file for one agency (a research list, a chase list, an action log)
/// is protected. It goes out as a circulation pack encrypted to the agency's
/// stored key (`marac agency key`), with any `--recipient` keys beside it; an
/// agency with no key needs `--passphrase`; `--plain` writes it as it is, on
/// purpose. The rule is Core's `PackRule`, as for every output with identities.
/// (`--agency` names whom the file is for, so it is not repeated here.)
struct AgencyPackOptions: ParsableArguments {
    @Option(name: .customLong("recipient"), help: ArgumentHelp("Also encrypt to this age public key (age1…); repeatable.", valueName: "age1key"))
    var recipients: [String] = []
    @Flag(help: "For an agency with no key stored: protect with a passphrase, typed twice at the terminal (or $MARAC_PASSPHRASE with no terminal).")
    var passphrase = false
    @Flag(help: "Write plain text to a file or pipe, on purpose (logged).")
    var plain = false

    /// Whether the person chose a protection (else the screen gets plain text, and a file the agency's key).
    var chosen: Bool { plain || passphrase || !recipients.isEmpty }
}

/// How each agency's file is written, worked out (keys found, a passphrase
/// asked for) before anything is written, so a refusal leaves no file.
final class AgencyPack {
    /// Plain to the person's own terminal: nothing leaves.
    let toScreen: Bool
    /// Files written so far: removed again when a later one fails, so a
    /// sending that is not recorded leaves no file behind.
    private var written: [String] = []
    private let plans: [String: (recipients: [AgeRecipient]?, destination: PackDestination)]

    /// - Parameters:
    ///   - agencies: every agency a file will be written for.
    ///   - toFile: a named file or folder (else standard output).
    init(_ options: AgencyPackOptions, agencies: [String], toFile: Bool, session: Session) throws {
        let sink: PackRule.Sink = toFile ? .file : (isatty(STDOUT_FILENO) == 1 ? .terminal : .pipe)
        if sink == .terminal, !options.chosen {
            toScreen = true
            plans = [:]
            return
        }
        toScreen = false
        // The agency itself is a recipient unless plain text was asked for.
        let request = PackRule.Request(keys: options.recipients.count, agencies: options.plain ? 0 : 1,
                                       passphrase: options.passphrase, plain: options.plain)
        do { _ = try PackRule.decide(request, sink: sink) } catch {
            report(PackOptions.message(error))
            throw ExitCode(64)
        }
        if options.plain {
            plans = Dictionary(uniqueKeysWithValues: agencies.map { ($0, (nil, PackDestination.plainFile)) })
            return
        }
        var resolved: [String: PackRecipients] = [:]
        for code in agencies {
            resolved[code] = try guarded { try session.packRecipients(agencies: [code], keys: options.recipients, passphrase: options.passphrase) }
        }
        // One passphrase, asked once, for every agency without a key.
        let passphrase = resolved.values.contains(where: \.needsPassphrase) ? try Passphrase.new() : nil
        plans = resolved.mapValues { ($0.recipients(passphrase: passphrase), $0.destination) }
    }

    /// The ending of files written into a folder: `.age` when they are packs.
    var suffix: String { plans.values.contains { $0.recipients != nil } ? ".age" : "" }

    /// Writes one agency's file (standard output when `path` is nil) and says
    /// how it went; a file that cannot be finished is removed.
    func write(_ text: String, for agency: String, to path: String?) throws -> PackDestination {
        if toScreen {
            MaracCLI.write(text)
            return .terminal
        }
        guard let plan = plans[agency] else { throw CaseError(.invalid, field: "agency", "no protection was worked out for \(agency)") }
        try Self.writeWhole(text, to: path, recipients: plan.recipients)
        if let path { written.append(path) }
        return plan.destination
    }

    /// One file written whole, sealed, or removed when it cannot be finished (the UI's files too).
    static func writeWhole(_ text: String, to path: String?, recipients: [AgeRecipient]?) throws {
        let writer = try PackWriter(path: path, recipients: recipients)
        do {
            try writer.write(text)
            try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Runs a sending; when it fails, the files it had written are removed.
    func sending<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            for path in written { try? FileManager.default.removeItem(atPath: path) }
            written = []
            throw error
        }
    }
}

extension MaracCLI {
    static func write(_ text: String) { marac.write(text) }
}

/// Folders and returned files.
enum Delivery {
    /// Creates the folder files go to (owner-only) when it is missing.
    static func folder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                report("\(path): is a file; without --agency, --out names a folder (one file per agency)")
                throw ExitCode(64)
            }
            return
        }
        guard (try? LocalFiles.createDirectory(atPath: path)) != nil else {
            report("\(path): cannot be created")
            throw ExitCode(74)
        }
    }

    /// A returned file as text: opened first when it is an age file (encrypted
    /// to the MARAC's own key, or with the passphrase when asked for).
    static func returnedText(_ file: String, passphrase: Bool, session: () throws -> Session) throws -> (String, Session) {
        var data = try readInput(file)
        let session = try session()
        if Age.looksEncrypted(data.prefix(256)) {
            let secret = try passphraseIfNeeded(for: data, asked: passphrase)
            data = try guarded { try session.openPack(data, passphrase: secret) }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            report("\(file):1: file: the file is not UTF-8 text")
            throw ExitCode(65)
        }
        return (text, session)
    }
}
