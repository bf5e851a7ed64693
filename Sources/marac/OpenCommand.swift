import ArgumentParser
import Foundation
import MaracAge
import MaracCases

/// `marac open FILE`: a file sent to the MARAC (an agency's return, a pack the
/// terminal UI wrote) decrypted for the coordinator's own screen.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Decrypt an age file sent to the MARAC (its own key, or --passphrase) and show it.",
        discussion: "Plain text goes to your terminal; to a file (--out) or a pipe only with --plain. Logged."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The age file (binary or armored).") var file: String
    @Option(help: "Write the plain text to this file (needs --plain; created readable by you only).") var out: String?
    @Flag(help: "The file is protected by a passphrase: ask for it (or $MARAC_PASSPHRASE with no terminal).") var passphrase = false
    @Flag(help: "Allow plain text to a file or pipe.") var plain = false

    func run() throws {
        let data = try readInput(file)
        let sink: PackRule.Sink = out != nil ? .file : (isatty(STDOUT_FILENO) == 1 ? .terminal : .pipe)
        do { _ = try PackRule.decide(PackRule.Request(plain: plain), sink: sink) } catch {
            report("the opened file holds identities: plain text goes to a file or pipe only with --plain")
            throw ExitCode(64)
        }
        let session = try openSession(global)
        let secret = try passphraseIfNeeded(for: data, asked: passphrase)
        let text = try guarded { try session.openPack(data, passphrase: secret) }
        if let out {
            try guarded {
                let writer = try PackWriter(path: out, recipients: nil)
                try writer.write(text)
                try writer.finish()
            }
        } else if sink == .terminal {
            write(String(decoding: text, as: UTF8.self))
        } else {
            FileHandle.standardOutput.write(text)
        }
    }
}

/// A file's bytes, or exit 66 when it is missing or unreadable.
func readInput(_ path: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else {
        report("\(path): no such file")
        throw ExitCode(66)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        report("\(path): cannot be read")
        throw ExitCode(66)
    }
    return data
}

/// The passphrase for a passphrase-protected age file, when one was asked for;
/// nil for a file encrypted to keys. A passphrase file without `--passphrase`
/// is a usage error that says so.
func passphraseIfNeeded(for data: Data, asked: Bool) throws -> String? {
    let needs = (try? AgeDecryptor.needsPassphrase(AgeDataSource(data))) ?? false
    if needs, !asked {
        report("the file is protected by a passphrase: give --passphrase")
        throw ExitCode(64)
    }
    return needs ? try Passphrase.existing() : nil
}
