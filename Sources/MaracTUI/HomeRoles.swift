import MaracCore
import MaracCases

/// Keys by role (issue 22): a screen names the use case each of its
/// commands asks for; the status line, `?` help and dispatch keep only those
/// the person's roles are granted (Core's `Policy`), and a refused key
/// changes nothing: no highlight moves, nothing is asked.
protocol RoleKeyed: Screen {
    associatedtype Command: Sendable
    static var keymap: Keymap<Command> { get }
    /// What a command asks the use-case layer for; nil for keys anyone may
    /// press (moving, reading what is on screen, back, quit).
    static func useCase(_ command: Command) -> UseCase?
}

extension RoleKeyed {
    /// The use case a key would ask for, nil when it needs none.
    func useCase(for key: Key) -> UseCase? { Self.keymap.command(for: key).flatMap(Self.useCase) }

    func keymap(for roles: Set<Role>) -> Keymap<Command> {
        Self.keymap.filtered { command in Self.useCase(command).map { Policy.grant(roles, $0) != nil } ?? true }
    }

    func hints(for roles: Set<Role>) -> String { keymap(for: roles).hints }
    func helpLines(for roles: Set<Role>) -> [(keys: String, help: String)] { keymap(for: roles).helpLines }
}

/// Which screen `marac` opens on, from the person's roles: each role's own
/// work first (issue 22: every role got the coordinator's triage queue).
enum Home {
    static func screen(for user: MaracUser?, today: Day) -> any Screen {
        guard let roles = user?.roles else { return TriageScreen() }
        if roles.contains(.coordinator) { return TriageScreen() }
        if roles.contains(.idva) { return HomeCasesScreen() }
        if roles.contains(.agency) { return HomeAgencyScreen(today: today) }
        if roles.contains(.analyst) { return FiguresScreen(today: today) }
        if roles.contains(.panel) { return PanelAgendaScreen(today: today) }
        return TriageScreen()
    }

    /// A refused key's words: who may not, and what.
    static func refusal(_ user: MaracUser, _ useCase: UseCase) -> String {
        "\(user.login) (\(user.roles.sorted().map(\.rawValue).joined(separator: ", "))) may not \(useCase.words)"
    }
}
