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

    /// The command a plain `[--db FILE] GROUP COMMAND ARGS...` line names, parsed
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
        guard rest.count >= 2,
              let group = configuration.subcommands.first(where: { $0._commandName == rest[rest.startIndex] }),
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
        guard code.rawValue == 64 else { exit(withError: error) }
        let text = message(for: error)
            .split(whereSeparator: \.isNewline).map(String.init).first { !$0.isEmpty } ?? "bad usage"
        report(text + " (see: marac help\(commandPath(arguments)))")
        Foundation.exit(64)
    }
}
