import MaracCore
import MaracCases

/// Clare's Law requests against their 28-day clock (issue 23): overdue
/// first, then due soon, then the rest oldest first, each with the step it
/// waits for. Police users own requests (theirs are marked); the coordinator
/// sees them as the policy lets. Steps are recorded with `marac dvds step`.
public struct DisclosureScreen: Screen {
    enum Command: Sendable { case up, down, pageUp, pageDown, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next request", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous request", .up, hint: false),
        KeyBinding([.pageDown, .ctrl("f")], "page", "next page", .pageDown, hint: false),
        KeyBinding([.pageUp, .ctrl("b")], "page", "previous page", .pageUp, hint: false),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    /// Requests read of each kind: the overdue and due soon lead; a long tail is paged in.
    static let pageSize = 200

    public var title: String { "Clare's Law requests (28-day clock)" }
    public var hints: String { Self.keymap.hints + "  (steps: marac dvds step)" }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    public var reloadsOnEveryKey: Bool { false }

    public internal(set) var requests: [DisclosureRequest] = []
    var more = false
    var me = ""
    var clock = DisclosureClock()
    var cursor = ListCursor()
    var visible = 10

    public init() {}

    public mutating func reload(_ session: Session, rows: Int) throws {
        visible = max(1, rows - 1)
        me = (try? session.whoAmI())?.login ?? ""
        clock = try session.disclosureClock()
        requests = try Self.ordered(session, limit: Self.pageSize)
        more = requests.count >= Self.pageSize
        cursor.clamp(count: requests.count, visible: visible)
    }

    /// Overdue, then due soon, then every other request; each once.
    static func ordered(_ session: Session, limit: Int) throws -> [DisclosureRequest] {
        var seen = Set<Int64>()
        var out: [DisclosureRequest] = []
        for which in [Session.DisclosureList.overdue, .dueSoon, .all] {
            for request in try session.disclosureRequests(which, limit: limit).items where seen.insert(request.id).inserted {
                out.append(request)
            }
        }
        return out
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: cursor.move(1, count: requests.count, visible: visible)
        case .up: cursor.move(-1, count: requests.count, visible: visible)
        case .pageDown: cursor.move(visible, count: requests.count, visible: visible)
        case .pageUp: cursor.move(-visible, count: requests.count, visible: visible)
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        Draw.row(&buffer, y: area.y, x: area.x, width: area.width, cells: [
            ("#", 5, .bold), ("requested", 11, .bold), ("route", 14, .bold), ("clock", 22, .bold), ("waits for", 0, .bold),
        ], selected: false)
        let position = " " + cursor.position(count: requests.count) + (more ? "+" : "")
        buffer.put(position, x: area.x + area.width - position.count, y: area.y, style: .dim)
        for (line, index) in (cursor.top..<min(requests.count, cursor.top + visible)).enumerated() {
            let r = requests[index]
            let state = clock.state(requestedOn: r.requestedOn, stoppedOn: r.clockStoppedOn, today: session.today)
            let late: Bool = switch state { case .overdue, .dueSoon: true; default: false }
            let waits = r.progress.next.map(\.words) ?? "nothing: closed"
            Draw.row(&buffer, y: area.y + 1 + line, x: area.x, width: area.width, cells: [
                (String(r.id) + (r.owner == me ? "*" : ""), 5, .plain), (r.requestedOn.description, 11, .plain), (r.route.words, 14, .plain),
                (state.words, 22, late ? CellStyle(bold: true, colour: .warning) : .plain), (waits, 0, .plain),
            ], selected: index == cursor.selected)
        }
        if requests.isEmpty { buffer.put("No Clare's Law requests.", x: area.x + 2, y: area.y + 2) }
        if !requests.isEmpty, area.height > requests.count + 2 {
            buffer.put("* yours", x: area.x + 1, y: area.y + area.height - 1, style: .dim)
        }
    }
}
