import ArgumentParser
import Foundation
import MaracCases

extension Marac {
    /// The entry point. Owner-only file modes before anything else; and usage
    /// errors keep the contract too (contracts.md): one line on stderr,
    /// `error: ...`, exit 64, instead of ArgumentParser's multi-line
    /// "Error: ... Usage: ...". Help and `--version` print as the library lays them out.
    static func main() {
        LocalFiles.restrictProcess()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // A passphrase typed as `--passphrase=SECRET` is refused before the
        // parser could repeat it (contracts.md: no error line repeats a value).
        if arguments.contains(where: { $0.hasPrefix("--passphrase=") }) { refusePassphraseOnTheCommandLine() }
        // A URL is never a file path: refused before any command (or the pack
        // rule) runs, so nothing is created (openSession checks again).
        do { _ = try fileOnly(databaseArgument(arguments)); _ = try fileOnly(ProcessInfo.processInfo.environment["MARAC_DB"]) } catch {
            Foundation.exit(64)
        }
        var command: ParsableCommand
        do {
            command = try directCommand(arguments) ?? parseAsRoot(arguments)
        } catch {
            exitKeepingTheContract(error, arguments: arguments)
        }
        do {
            try command.run()
        } catch {
            exitKeepingTheContract(error, arguments: arguments)
        }
        Foundation.exit(0)
    }

    /// The command a plain `[--db FILE] GROUP COMMAND ARGS...` (or `[--db FILE] COMMAND ARGS...`) line names, parsed
    /// as that command alone. Parsing from the root reflects the whole tree of
    /// commands (about 4 ms of a 17 ms `referral add`); a command parsed alone
    /// reads the same options into the same values. Anything else, and any line
    /// that does not parse this way (help, errors, unknown words), takes the full
    /// parse, so messages and help are exactly the root's.
    private static func directCommand(_ arguments: [String]) -> ParsableCommand? {
        var leading: [String] = [], rest = arguments[...]
        if let first = rest.first, first == "--db", rest.count > 1 {
            leading = Array(rest.prefix(2)); rest = rest.dropFirst(2)
        } else if let first = rest.first, first.hasPrefix("--db=") {
            leading = [first]; rest = rest.dropFirst()
        }
        guard let first = rest.first,
              let group = configuration.subcommands.first(where: { $0._commandName == first })
        else { return nil }
        // A command with no subcommands of its own (`stats`, `report`) is a leaf
        // at the top: parsed alone too (issue 21: part of `stats`' fixed cost).
        if group.configuration.subcommands.isEmpty { return try? group.parseAsRoot(leading + rest.dropFirst()) }
        guard rest.count >= 2,
              let leaf = group.configuration.subcommands.first(where: { $0._commandName == rest[rest.startIndex + 1] }),
              leaf.configuration.subcommands.isEmpty
        else { return nil }
        return try? leaf.parseAsRoot(leading + rest.dropFirst(2))
    }

    /// " referral list" for `--db x referral list --limit y`: the known command names only.
    private static func commandPath(_ arguments: [String]) -> String {
        var path = "", level: [ParsableCommand.Type] = configuration.subcommands
        for word in arguments where !word.hasPrefix("-") {
            guard let next = level.first(where: { $0._commandName == word }) else { continue }
            path += " " + word
            level = next.configuration.subcommands
        }
        return path
    }

    private static func exitKeepingTheContract(_ error: Error, arguments: [String]) -> Never {
        let code = exitCode(for: error)
        // Help, version and our own exit codes (already reported): as ArgumentParser does them.
        if code == .success || error is ExitCode { exit(withError: error) }
        // `--passphrase SECRET`: the parser would call SECRET an unexpected argument, repeating it.
        if let index = arguments.firstIndex(of: "--passphrase"), index + 1 < arguments.count,
           !arguments[index + 1].hasPrefix("-") {
            refusePassphraseOnTheCommandLine()
        }
        guard code.rawValue == 64 else { exit(withError: error) }
        let lines = message(for: error).split(whereSeparator: \.isNewline).map(String.init)
        var text = lines.first { !$0.isEmpty } ?? "bad usage"
        // Six or more allowed values come as bullets on the lines after (the
        // parser's layout): kept, on the one line, quoted as it quotes fewer.
        let allowed = lines.filter { $0.hasPrefix("  - ") }.map { "'\($0.dropFirst(4))'" }
        if text.hasSuffix("one of the following:"), !allowed.isEmpty {
            text = String(text.dropLast("the following:".count)) + allowed.joined(separator: ", ") + "."
        }
        report(withoutValues(text, given: arguments) + " (see: marac help\(commandPath(arguments)))")
        Foundation.exit(64)
    }

    /// The value of `--db VALUE` or `--db=VALUE`, if given.
    private static func databaseArgument(_ arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--db", index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix("--db=") { return String(argument.dropFirst(5)) }
        }
        return nil
    }

    /// One line, exit 64, the passphrase not repeated.
    private static func refusePassphraseOnTheCommandLine() -> Never {
        report("--passphrase takes no value: a passphrase is typed at the terminal (or read from $\(Passphrase.variable) by a script), never given on the command line; the value was not used")
        Foundation.exit(64)
    }

    /// A parser message with every value given taken out: "Unexpected argument
    /// 'Amina Begum'" becomes "Unexpected argument (value not shown)". Option
    /// names (`'--limit <limit>'`) and the parser's own words (the allowed
    /// values it lists) stay; a quoted part that is, holds or is held in an
    /// argument goes.
    static func withoutValues(_ text: String, given arguments: [String]) -> String {
        let given = arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("-"), let equals = argument.firstIndex(of: "=") else { return [argument] }
            return [String(argument[argument.index(after: equals)...])]
        }.filter { !$0.isEmpty && !$0.hasPrefix("-") }
        var result = "", rest = text[...]
        while let open = rest.firstIndex(of: "'") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "'") else { break }
            let quoted = String(after[..<close])
            result += rest[..<open]
            let isOptionName = quoted.hasPrefix("--") && quoted.dropFirst(2).first?.isLetter == true
                || (quoted.count == 2 && quoted.hasPrefix("-") && quoted.last?.isLetter == true)
                || (quoted.hasPrefix("<") && quoted.hasSuffix(">"))
            let isGiven = given.contains { $0 == quoted || (quoted.count >= 4 && $0.contains(quoted)) || ($0.count >= 4 && quoted.contains($0)) }
            result += isOptionName || !isGiven ? "'\(quoted)'" : "(value not shown)"
            rest = after[after.index(after: close)...]
        }
        return (result + rest).replacingOccurrences(of: "The value (value not shown)", with: "The value")
    }
}
