import ArgumentParser
import Foundation
import MaracCases

extension Marac {
    /// The entry point. Owner-only file modes before anything else; and usage
    /// errors keep the contract too (contracts.md): one line on stderr,
    /// `error: ...`, exit 64, instead of ArgumentParser's multi-line
    /// "Error: ... Usage: ...". Help and `--version` print as the library lays them out.
    static func main() {
        FileModes.restrictProcess()
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
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
