import Foundation
import MaracCore
import MaracCases
import MaracTUI

// Keypress-to-frame benchmark for the terminal UI: drives the App (state
// change, page re-fetch and render into the cell buffer: everything but the
// ncurses blit) over a database and reports the time per key.
//   marac-uibench DB [ROUNDS]
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: marac-uibench DB [ROUNDS]\n".utf8))
    exit(64)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
// The login running the bench, as the TUI itself would use: the database's
// builder (`marac init`) made it a coordinator. A login without a role would
// time nothing but "not allowed" screens, so that stops the bench.
let services = try Session.open(path: arguments[1])
do {
    _ = try services.triageQueue(limit: 1)
} catch {
    FileHandle.standardError.write(Data("marac-uibench: \(Actor.current().name) cannot see the triage queue: \(error)\n".utf8))
    exit(77)
}

/// Milliseconds each key took, from press to a rendered buffer.
func measure(_ app: App, _ keys: [Key]) -> [Double] {
    keys.map { key in
        let start = ContinuousClock.now
        app.press(key)
        _ = app.render()
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}

/// `name` is a fixed label in this file (StaticString): the bench prints
/// screen names and timings, never anything read from the database.
func report(_ name: StaticString, _ samples: [Double]) {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { print("| \(name) | 0 | - | - | - |"); return }
    func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    func ms(_ value: Double) -> String { String(format: "%.2f", value) }
    print("| \(name) | \(samples.count) | \(ms(percentile(0.5))) | \(ms(percentile(0.95))) | \(ms(sorted.last ?? 0)) |")
}

let app = App(session: services, width: 80, height: 24)
print("| screen: keys | keys | p50 ms | p95 ms | max ms |")
print("|---|---|---|---|---|")
report("triage: j/k", measure(app, (0..<rounds).map { $0 % 40 < 20 ? Key.char("j") : Key.char("k") }))
report("open referral, back", measure(app, (0..<rounds / 10).flatMap { _ in [Key.enter, Key.char("q")] }))
_ = measure(app, [.char("A")])
report("actions: j/k", measure(app, (0..<rounds).map { $0 % 40 < 20 ? Key.char("j") : Key.char("k") }))
_ = measure(app, [.char("q"), .char("m")])
report("meetings: j/k", measure(app, (0..<rounds).map { $0 % 10 < 5 ? Key.char("j") : Key.char("k") }))
_ = measure(app, [.enter])
report("agenda: j/k", measure(app, (0..<rounds).map { $0 % 10 < 5 ? Key.char("j") : Key.char("k") }))
_ = measure(app, [.char("q"), .char("q"), .char("n")])
report("form: answer y", measure(app, Array(repeating: Key.tab, count: 21) + Array(repeating: Key.char("y"), count: 24)))
_ = measure(app, [.escape, .char("y"), .char("/")])
report("search: type a name", measure(app, Key.parse("Victim 12345")))
_ = measure(app, [.escape])
// Opened 20 times from triage: the first open also opens the second reader
// connection the figures use, so it is reported apart; one sample a run
// (as before) made p95 = max = that first open.
var opens: [Double] = []
for _ in 0..<20 {
    opens += measure(app, [.char("f")])
    _ = measure(app, [.char("q")])
}
report("figures: first open", Array(opens.prefix(1)))
report("figures: open a quarter", Array(opens.dropFirst()))
_ = measure(app, [.char("f")])
report("figures: scroll", measure(app, (0..<rounds).map { $0 % 10 < 5 ? Key.char("j") : Key.char("k") }))
_ = measure(app, [.char("q")])

// Issue 22: each role's home and the screens added with them. The bench's
// own logins for those roles are added once (the coordinator may add users
// only through an admin, so they are added as the database's builder when it
// may; otherwise these rows are skipped, said so on stderr).
func roleApp(_ login: String, _ roles: [Role], agency: String?) -> App? {
    if (try? services.users().contains { $0.login == login }) != true {
        do { try services.addUser(login: login, name: "Bench \(roles.map(\.rawValue).joined())", roles: roles, agency: agency) } catch {
            FileHandle.standardError.write(Data("marac-uibench: role screens skipped (cannot add the bench's users)\n".utf8))
            return nil
        }
    }
    guard let session = try? Session.open(path: arguments[1], actor: Actor(login)) else { return nil }
    return App(session: session, width: 80, height: 24)
}

_ = measure(app, [.char("m"), .enter])
report("agenda: f returns in full, back", measure(app, (0..<rounds / 10).flatMap { _ in [Key.char("f"), Key.char("q")] }))
// Issue 22 (meeting records): the minutes on screen from the agenda, and the
// referral page with its research returns (opened from the agenda: the case's
// latest meeting has them).
report("agenda: M minutes, back", measure(app, (0..<rounds / 10).flatMap { _ in [Key.char("M"), Key.char("q")] }))
report("agenda: open referral with returns, back", measure(app, (0..<rounds / 10).flatMap { _ in [Key.enter, Key.char("q")] }))
_ = measure(app, [.char("q")])
// Issue 22, defect 6: the week's keys on the meetings screen that write nothing (the agenda read, the pickers opened and left).
report("meetings: a agenda read, back", measure(app, (0..<rounds / 10).flatMap { _ in [Key.char("a"), Key.char("q")] }))
report("meetings: A attendance picker, Esc", measure(app, (0..<rounds / 10).flatMap { _ in [Key.char("A"), Key.escape] }))
report("meetings: R lists picker, Esc", measure(app, (0..<rounds / 10).flatMap { _ in [Key.char("R"), Key.escape] }))
_ = measure(app, [.char("q")])
if let idva = roleApp("bench-idva", [.idva], agency: nil) {
    report("idva home: j/k", measure(idva, (0..<rounds).map { $0 % 40 < 20 ? Key.char("j") : Key.char("k") }))
    report("idva home: open case, back", measure(idva, (0..<rounds / 10).flatMap { _ in [Key.enter, Key.char("q")] }))
}
if let agency = roleApp("bench-police", [.agency], agency: "police") {
    report("agency home: j/k", measure(agency, (0..<rounds).map { $0 % 10 < 5 ? Key.char("j") : Key.char("k") }))
    report("agency home: actions, back", measure(agency, (0..<rounds / 10).flatMap { _ in [Key.char("A"), Key.char("q")] }))
    _ = measure(agency, [.char("A")])
    report("agency actions: j/k", measure(agency, (0..<rounds).map { $0 % 10 < 5 ? Key.char("j") : Key.char("k") }))
    _ = measure(agency, [.char("q")])
}
if let analyst = roleApp("bench-analyst", [.analyst], agency: nil) {
    report("analyst home: scroll", measure(analyst, (0..<rounds).map { $0 % 10 < 5 ? Key.char("j") : Key.char("k") }))
}
