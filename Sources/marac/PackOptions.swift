import ArgumentParser
import Foundation
import MaracAge
import MaracCases

/// How a command that writes identities protects them: encrypted to keys, to
/// agencies' stored keys or with a passphrase (age files any agency opens with
/// the standard `age` tool), or plain on purpose. The rule itself is Core's
/// `PackRule`; this only gathers the options.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("recipient"), help: ArgumentHelp("Encrypt to this age public key (age1…); repeatable.", valueName: "age1key"))
    var recipients: [String] = []
    @Option(name: .customLong("agency"), help: ArgumentHelp("Encrypt to this agency's stored key (marac agency key); repeatable. An agency with no key needs --passphrase.", valueName: "code"))
    var agencies: [String] = []
    @Flag(help: "Protect with a passphrase, typed twice at the terminal (or $MARAC_PASSPHRASE when there is no terminal; never on the command line).")
    var passphrase = false
    @Flag(help: "Write plain text to a file or pipe, on purpose (logged).")
    var plain = false

    var request: PackRule.Request {
        PackRule.Request(keys: recipients.count, agencies: agencies.count, passphrase: passphrase, plain: plain)
    }

    /// The one line a refusal prints, naming the options that resolve it.
    static func message(_ refusal: PackRule.Refusal) -> String {
        switch refusal {
        case .needsProtection:
            "identities go to a file or pipe only encrypted: give --recipient AGE1KEY (or --agency CODE), --passphrase, or --plain"
        case .plainAndEncrypted: "--plain cannot be combined with --recipient, --agency or --passphrase"
        case .passphraseWithKeys: "--passphrase cannot be combined with --recipient: an age passphrase file has no other recipients"
        case .encryptedToTerminal: "an encrypted pack is binary: write it with --out FILE or redirect standard output"
        }
    }
}

/// An output that carries identities, opened as the pack options say: the
/// person's own terminal (escaped, as every table), or a file or pipe written
/// plain or encrypted through `PackWriter`.
final class PackOutput {
    let destination: PackDestination
    /// Where it goes: nil is the person's own terminal, escaped as every table.
    private let target: (path: String?, recipients: [AgeRecipient]?)?
    private var writer: PackWriter?

    /// Decides, resolves recipients and asks for a passphrase; nothing is
    /// written until the first `emit`, so a refusal here (exit 64) or of the
    /// use case that follows leaves no file.
    init(_ options: PackOptions, out: String?, session: Session) throws {
        let sink: PackRule.Sink = out != nil ? .file : (isatty(STDOUT_FILENO) == 1 ? .terminal : .pipe)
        let decision: PackRule.Decision
        do { decision = try PackRule.decide(options.request, sink: sink) } catch {
            report(PackOptions.message(error))
            throw ExitCode(64)
        }
        switch decision {
        case .plain where sink == .terminal:
            destination = .terminal
            target = nil
        case .plain:
            destination = .plainFile
            target = (out, nil)
        case .encrypt:
            let resolved = try guarded {
                try session.packRecipients(agencies: options.agencies, keys: options.recipients, passphrase: options.passphrase)
            }
            let passphrase = resolved.needsPassphrase ? try Passphrase.new() : nil
            destination = resolved.destination
            target = (out, resolved.recipients(passphrase: passphrase))
        }
    }

    /// A pack for the MARAC's own key (files the coordinator opens with `marac open`).
    init(maracKeyOf session: Session, out: String) throws {
        let resolved = try guarded { try session.maracPackRecipients() }
        destination = resolved.destination
        target = (out, resolved.recipients(passphrase: nil))
    }

    var isTerminal: Bool { target == nil }

    func emit(_ text: String) throws {
        guard let target else { return write(text) }
        if writer == nil { writer = try guarded { try PackWriter(path: target.path, recipients: target.recipients) } }
        try guarded { try writer?.write(text) }
    }

    /// Bytes as they are (a backup, say): to a file or pipe only; a terminal
    /// never receives raw bytes.
    func emit(_ data: Data) throws {
        guard let target else {
            report("binary output goes to a file (--out) or a pipe, not a terminal")
            throw ExitCode(64)
        }
        if writer == nil { writer = try guarded { try PackWriter(path: target.path, recipients: target.recipients) } }
        try guarded { try writer?.write(data) }
    }

    func finish() throws {
        if target != nil, writer == nil { try emit("") }
        try guarded { try writer?.finish() }
    }

    /// Removes a file left unfinished by a failure.
    func abandon() { writer?.abandon() }

    /// The whole document at once: written, sealed, or removed on failure.
    func writeWhole(_ text: String) throws {
        do {
            try emit(text)
            try finish()
        } catch {
            abandon()
            throw error
        }
    }
}

/// Passphrases come from the terminal with echo off, never from the command
/// line (where `ps` and shell history would show them); with no terminal,
/// from $MARAC_PASSPHRASE (for scripts and tests).
enum Passphrase {
    static let variable = "MARAC_PASSPHRASE"

    /// A passphrase to encrypt with: typed twice, or the environment's.
    static func new() throws -> String {
        try read(confirm: true)
    }

    /// A passphrase to open a file with: typed once, or the environment's.
    static func existing() throws -> String {
        try read(confirm: false)
    }

    private static func read(confirm: Bool) throws -> String {
        if isatty(STDIN_FILENO) == 1, let tty = fopen("/dev/tty", "r+") {
            defer { fclose(tty) }
            let first = try prompt("Passphrase: ", tty)
            if confirm {
                let second = try prompt("Passphrase again: ", tty)
                guard first == second else { report("the passphrases differ; nothing was written"); throw ExitCode(64) }
            }
            guard !first.isEmpty else { report("the passphrase is empty"); throw ExitCode(64) }
            return first
        }
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            report("no terminal to ask for the passphrase: set \(variable) for a script")
            throw ExitCode(64)
        }
        return value
    }

    private static func prompt(_ text: String, _ tty: UnsafeMutablePointer<FILE>) throws -> String {
        let fd = fileno(tty)
        var saved = termios()
        let canHide = tcgetattr(fd, &saved) == 0
        if canHide {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer {
            if canHide { tcsetattr(fd, TCSAFLUSH, &saved) }
            fputs("\n", tty)
        }
        fputs(text, tty)
        fflush(tty)
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        let count = getline(&line, &capacity, tty)
        guard count >= 0, let line else { report("no passphrase was typed"); throw ExitCode(64) }
        var text = String(cString: line)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}

/// `--plain` for a command that prints identities to standard output only
/// (lists, a referral, the queue, actions, research returns). Core's
/// `PackRule` decides, as for every output with identities: a terminal sees
/// them as always; a file or pipe only with `--plain`, on purpose; otherwise
/// one line and exit 64, before the database is opened, so nothing is written.
struct PlainOutput: ParsableArguments {
    @Flag(help: "Print identities to a file or pipe, on purpose (needed whenever standard output is not a terminal).")
    var plain = false

    func check() throws {
        try Self.check(plain: plain)
    }

    static func check(plain: Bool) throws {
        let sink: PackRule.Sink = isatty(STDOUT_FILENO) == 1 ? .terminal : .pipe
        do { _ = try PackRule.decide(PackRule.Request(plain: plain), sink: sink) } catch {
            report(message)
            throw ExitCode(64)
        }
    }

    static let message = "this command prints identities: to a file or pipe give --plain (on purpose); encrypted files come from marac export referrals, meeting agenda and person export with --recipient, --agency or --passphrase"
}
