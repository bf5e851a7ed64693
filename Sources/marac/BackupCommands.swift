import ArgumentParser
import Foundation
import MaracAge
import MaracCases

/// `marac backup`: the whole database, every table, the audit chain and the
/// access log, as one age file. Backups leave the host, so they are always
/// encrypted: there is no plain form.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent, age-encrypted copy of the whole database while others keep working.",
        discussion: """
            The copy is SQLite's VACUUM INTO on a reader: it takes no write lock. It is encrypted to every \
            --recipient (age public keys kept off this server), or with --passphrase, and opened by \
            `marac restore` or by `age -d`. Logged in the audit trail. See docs/operations.md.
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "The backup file to write (created readable by you only).") var out: String
    @Option(name: .customLong("recipient"), help: ArgumentHelp("Encrypt to this age public key (age1…); repeatable.", valueName: "age1key"))
    var recipients: [String] = []
    @Flag(help: "Protect with a passphrase instead, typed twice (or $MARAC_PASSPHRASE with no terminal).") var passphrase = false

    func run() throws {
        guard recipients.isEmpty == passphrase else {
            report(passphrase
                ? "--passphrase cannot be combined with --recipient: an age passphrase file has no other recipients"
                : "a backup is always encrypted: give --recipient AGE1KEY (repeatable) or --passphrase")
            throw ExitCode(64)
        }
        let session = try openSession(global)
        let resolved = try guarded { try session.packRecipients(agencies: [], keys: recipients, passphrase: passphrase) }
        let secret = resolved.needsPassphrase ? try Passphrase.new() : nil
        var bytes: UInt64 = 0
        try guarded {
            try session.backup { plainCopy in
                let writer = try PackWriter(path: out, recipients: resolved.recipients(passphrase: secret))
                do {
                    let copy = try FileHandle(forReadingFrom: URL(fileURLWithPath: plainCopy))
                    defer { try? copy.close() }
                    // A megabyte at a time: a large database is never held whole in memory.
                    while let chunk = try copy.read(upToCount: 1 << 20), !chunk.isEmpty {
                        try writer.write(chunk)
                        bytes += UInt64(chunk.count)
                    }
                    try writer.finish()
                } catch {
                    writer.abandon()
                    throw error
                }
                return "\(bytes) bytes, " + (resolved.destination.accessReason ?? "encrypted")
            }
        }
        note("backup of \(bytes) bytes written to \(out), encrypted to " + resolved.keys.map(\.as.description).joined(separator: ", ")
             + (resolved.needsPassphrase ? "a passphrase" : ""))
    }
}

/// `marac restore FILE --db NEW`: a backup back into a new database file,
/// only once it has passed every check.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a new database file (--db NEW, which must not exist).",
        discussion: """
            Decrypts with the age identity file given (--identity) or a passphrase, then checks SQLite's \
            integrity and foreign keys, the schema version (an older copy is brought up to date; a newer one \
            is refused) and the audit chain, and that you are a coordinator or admin in the copy. Only then \
            does NEW appear, with the restore as the last row of its audit trail. Never overwrites a database.
            """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup file (an age file from `marac backup`).") var file: String
    @Option(help: ArgumentHelp("An age identity file (AGE-SECRET-KEY-1… lines, as age-keygen writes) that opens the backup.", valueName: "keyfile"))
    var identity: String?
    @Flag(help: "The backup is protected by a passphrase: ask for it (or $MARAC_PASSPHRASE with no terminal).") var passphrase = false

    func run() throws {
        // On a shared server the one database is fixed, and exists: restore is refused there.
        guard let target = try sharedServerPath(global) ?? fileOnly(global.db) else {
            report("give the new database's path with --db NEW (it must not exist)")
            throw ExitCode(64)
        }
        guard (identity != nil) != passphrase else {
            report(passphrase ? "give --identity or --passphrase, not both" : "give --identity KEYFILE (the backup's age secret key) or --passphrase")
            throw ExitCode(64)
        }
        guard FileManager.default.fileExists(atPath: file), let source = FileHandle(forReadingAtPath: file) else {
            report("\(file): no such file")
            throw ExitCode(66)
        }
        defer { try? source.close() }
        let decryptor: AgeDecryptor
        if let identity {
            guard let text = FileManager.default.contents(atPath: identity).map({ String(decoding: $0, as: UTF8.self) }) else {
                report("\(identity): no such file")
                throw ExitCode(66)
            }
            guard let identities = try? AgeIdentity.parseFile(text), !identities.isEmpty else {
                report("\(identity): not an age identity file (expected AGE-SECRET-KEY-1… lines)")
                throw ExitCode(65)
            }
            decryptor = AgeDecryptor(identities: identities)
        } else {
            decryptor = AgeDecryptor(passphrase: try Passphrase.existing())
        }
        let restored = try guarded {
            try Session.restore(into: target) { handle in
                do {
                    try decryptor.decrypt(from: source) { try handle.write(contentsOf: $0) }
                } catch let error as AgeError {
                    throw CaseError(.invalid, field: "backup", "\(error.description); nothing was restored")
                }
            }
        }
        note("restored \(target): audit chain of \(restored.anchor.count) rows verified (head \(restored.anchor))"
             + (restored.upgraded ? "; schema brought up to date" : ""))
    }
}
