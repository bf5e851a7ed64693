import MaracCore
import MaracCases

/// `P` on a referral's page (issue 24): the perpetrator's page. Whether they
/// are serial (the count covers every victim), then every referral naming
/// them that the reader may see, oldest first so risk reads over time down
/// the screen, and the actions on those cases. Enter opens the highlighted
/// referral. The page is read when the screen opens (and on `r`), and the
/// reading is recorded, as `marac perpetrator show` records it.
public struct PerpetratorScreen: Screen {
    enum Command: Sendable { case down, up, open, refresh, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next referral", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous referral", .up, hint: false),
        KeyBinding([.enter, .char("o")], "open", "open the highlighted referral", .open),
        KeyBinding([.char("r")], "refresh", "read the page again", .refresh, hint: false),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    public let perpetratorID: Int64
    public var title: String { "Perpetrator" + (page.map { ": \($0.perpetrator.name)" } ?? "") }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    public var reloadsOnEveryKey: Bool { false }

    var page: PerpetratorPage?
    /// Oldest first: risk over time reads down the screen.
    var referrals: [ReferralSummary] { (page?.referrals ?? []).reversed() }
    var cursor = ListCursor()
    var visible = 10

    public init(perpetratorID: Int64) { self.perpetratorID = perpetratorID }

    /// Lines above the list: the serial standing and the victims in scope.
    static let headerLines = 3

    public mutating func reload(_ session: Session, rows: Int) throws {
        page = try session.perpetrator(perpetratorID)
        visible = max(1, (rows - Self.headerLines - 1) / 2)
        cursor.clamp(count: referrals.count, visible: visible)
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: cursor.move(1, count: referrals.count, visible: visible)
        case .up: cursor.move(-1, count: referrals.count, visible: visible)
        case .open:
            if referrals.indices.contains(cursor.selected) { return [.push(.referral(referrals[cursor.selected].ref))] }
        case .refresh: return [.reload]
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        guard let page else { return }
        let p = page.perpetrator
        let born = p.dob.map { ", born \($0)" } ?? ""
        buffer.put("\(p.name) (id \(p.id))\(born)", x: area.x + 1, y: area.y, style: .bold, limit: area.width - 1)
        let standing = page.serial.words.map { "SERIAL · \($0)" }
            ?? "not serial: \(Count.of(page.serial.differentVictims, "victim")) in the window"
        buffer.put(standing, x: area.x + 1, y: area.y + 1, style: page.serial.isSerial ? .bold : .plain, limit: area.width - 1)
        let victims = page.victimsInScope.map { "\($0.name) (\($0.referrals))" }.joined(separator: " · ")
        buffer.put("Victims you may see: \(victims.isEmpty ? "none" : victims)", x: area.x + 1, y: area.y + 2, style: .dim,
                   limit: area.width - 1)
        var y = area.y + Self.headerLines
        let listed = referrals
        if listed.isEmpty {
            buffer.put("No referral naming them is in your scope.", x: area.x + 2, y: y, style: .dim, limit: area.width - 2)
        }
        for index in cursor.top..<min(listed.count, cursor.top + visible) where y < area.y + area.height {
            let r = listed[index]
            Draw.row(&buffer, y: y, x: area.x + 1, width: area.width - 1, cells: [
                (r.referredOn.description, 10, .plain), (r.ref, 15, .plain), (Draw.band(r.band).0, 8, Draw.band(r.band).1),
                (r.score.map { "score \($0)" } ?? "no score", 8, .plain), (r.isRepeat ? "repeat" : "", 6, .plain),
                (r.victimName, 0, .plain),
            ], selected: index == cursor.selected)
            y += 1
        }
        // The panel's history (for those who may see the panel), then the actions, in the room left.
        if !page.panel.isEmpty, y + 1 < area.y + area.height {
            buffer.put("Perpetrator panel", x: area.x + 1, y: y, style: .bold, limit: area.width - 1)
            y += 1
            for entry in page.panel where y < area.y + area.height {
                let r = entry.referral
                let decided = r.decision.map { " · decided \($0.rawValue)" } ?? ""
                let interventions = entry.interventions.map { "\($0.type.rawValue) (\($0.outcome?.rawValue ?? "ongoing"))" }.joined(separator: ", ")
                buffer.put("referred \(r.referredOn) · \(r.state.rawValue)\(decided)\(interventions.isEmpty ? "" : " · " + interventions)",
                           x: area.x + 2, y: y, limit: area.width - 2)
                y += 1
            }
        }
        guard !page.actions.isEmpty, y + 1 < area.y + area.height else { return }
        buffer.put("Actions on these cases (\(page.actions.count))", x: area.x + 1, y: y, style: .bold, limit: area.width - 1)
        y += 1
        for a in page.actions where y < area.y + area.height {
            buffer.put("#\(a.id) \(a.referralRef) · \(a.agency) · due \(a.due) · \(a.status.rawValue) · \(a.description)",
                       x: area.x + 2, y: y, limit: area.width - 2)
            y += 1
        }
    }
}
