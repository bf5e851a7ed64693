import Testing
@testable import MaracTUI

/// Tests press keys by the command's name, looked up in the keymap that
/// dispatches them (lazygit's tests do the same with its keybinding config):
/// rebinding a command moves the tests with it, and a test can never pass by
/// pressing a letter that no longer means what it meant. Text typed into a
/// field or a question stays literal.
protocol NamedKeys {
    associatedtype Command: Equatable, Sendable
    static var commands: Keymap<Command> { get }
}

extension App: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension TriageScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension ReferralScreen: NamedKeys { static var commands: Keymap<Command> { allKeys } }
extension ReferralFormScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension MeetingsScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension AgendaScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension ActionsScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension ActionTextScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension ConfidentialityScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension SharedEntriesScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension FiguresScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension SearchScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension PossibleExistingPersonScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension HistoryScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension HomeCasesScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension HomeAgencyScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension ResearchTextScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension MinutesScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension PerpetratorScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }
extension PerpetratorRankingScreen: NamedKeys { static var commands: Keymap<Command> { keymap } }

/// The first key bound to `command` on `screen`.
func key<S: NamedKeys>(of screen: S.Type, _ command: S.Command, sourceLocation: SourceLocation = #_sourceLocation) -> Key {
    guard let key = S.commands.bindings.first(where: { $0.command == command })?.keys.first else {
        Issue.record("\(S.self) binds no key to \(command)", sourceLocation: sourceLocation)
        return .unknown
    }
    return key
}

/// The same key pressed `count` times.
func keys<S: NamedKeys>(of screen: S.Type, _ command: S.Command, times count: Int, sourceLocation: SourceLocation = #_sourceLocation) -> [Key] {
    Array(repeating: key(of: screen, command, sourceLocation: sourceLocation), count: count)
}

extension Key {
    /// How `tmux send-keys` names this key, for the end-to-end tests.
    var tmuxName: String {
        switch self {
        case .char(let c): String(c)
        case .enter: "Enter"
        case .escape: "Escape"
        case .tab: "Tab"
        case .backTab: "BTab"
        case .backspace: "BSpace"
        case .delete: "DC"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PPage"
        case .pageDown: "NPage"
        case .ctrl(let c): "C-\(c)"
        case .function(let n): "F\(n)"
        case .alt(let c): "M-\(c)"
        default: ""
        }
    }
}

extension App {
    /// Presses the key `screen`'s keymap binds to `command` (`times` times).
    func press<S: NamedKeys>(_ screen: S.Type, _ command: S.Command, times: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) {
        press(keys(of: screen, command, times: times, sourceLocation: sourceLocation))
    }
}
