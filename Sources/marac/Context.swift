import ArgumentParser
import Foundation
import MaracCases
import MaracCore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $MARAC_DB, else $XDG_DATA_HOME/marac/marac.db).")
    var db: String?
}

/// Opens the session every command runs its use case in: the database, the
/// acting OS user and today's date. A command keeps one connection; the
/// terminal UI asks for a pool (`Session.Connections`).
func openSession(_ options: GlobalOptions, connections: Session.Connections = .one) throws -> Session {
    let path = try sharedServerPath(options) ?? fileOnly(options.db) ?? fileOnly(Session.defaultDatabasePath())
    let session = try guarded { try Session.open(path: path, connections: connections) }
    // A login that is not a user learns nothing more than that (exit 77).
    _ = try guarded { try session.whoAmI() }
    return session
}

/// A `--db` value or `MARAC_DB` that names a file, or exit 64 before anything
/// is created: a URL (`postgresql://…`) is never taken for a path, and the
/// refusal never repeats it (it may hold a user name or password).
func fileOnly(_ value: String?) throws -> String? {
    try value.map(fileOnly)
}

/// The same for a path that is always there (the default location).
func fileOnly(_ value: String) throws -> String {
    if let refusal = DatabaseLocation(value).refusal {
        report(refusal)
        throw ExitCode(64)
    }
    return value
}

/// Runs a use case, turning its error value into the contract's error lines
/// and exit code, in this one place.
func guarded<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        let error = CaseError.from(error)
        for problem in error.problems { report(problem.description + (problem.hint.map { " (\(words($0)))" } ?? "")) }
        throw ExitCode(error.exitCode)
    }
}

/// How to go on, said in the command line's own terms.
private func words(_ hint: CaseError.Hint) -> String {
    switch hint {
    case .replaceExisting: "use --update to replace it"
    case .createMeeting(let day): "create it with: marac meeting create \(day)"
    case .planMeeting: "create one with: marac meeting create YYYY-MM-DD, or name one with --meeting"
    case .reloadRecord: "read it again with: marac referral show, then repeat the change"
    case .exportAgain: "export again, or use --force to overwrite"
    case .recordConsentDecision:
        "record them with: marac import referrals FILE --update (columns sharing_reason, lawful_basis), or e on the referral in the terminal UI; bases: marac lawful-basis list"
    case .decidePerson(let role):
        role == .perpetrator ? "give --same-perpetrator-as ID or --new-perpetrator" : "give --same-person-as ID or --new-person"
    case .confirmClearingAnswers: "give --replace-answers if they are to go"
    case .askAdmin(let admins):
        "an admin adds people with: marac user add LOGIN --name NAME --role ROLE"
            + (admins.isEmpty ? "" : "; admins here: \(admins.joined(separator: ", "))")
    }
}

/// Parses a command-line date argument.
func day(_ text: String, _ field: String, notAfter limit: Day? = nil) throws -> Day {
    try guarded { 
        do { return try ReferralInput.parseDay(text, field: field, notAfter: limit) } catch { throw CaseError.from(error) }
    }
}
