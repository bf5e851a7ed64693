import ArgumentParser
import Foundation
import MaracCases

/// `marac key show`: the MARAC's public key, for agencies to encrypt returns to.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "The MARAC's own age key (the secret never leaves the database).",
        subcommands: [Show.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", 
            abstract: "Print the MARAC's age public key (age1…); made on first use.",
            discussion: "Agencies encrypt files they send back with: age -r <this key> -o FILE.age FILE. With --signing: the MARAC's signing public key (ed25519:…), which other MARACs record with `marac transfer peer add NAME --key AGE1KEY --signing-key KEY` to take transfers from this one."
        )
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print the signing public key (ed25519:…) that transfers to other MARACs are signed with.") var signing = false
        func run() throws {
            let session = try openSession(global)
            write(try guarded { try signing ? session.maracSigningPublicKey() : session.maracPublicKey() } + "\n")
        }
    }
}
