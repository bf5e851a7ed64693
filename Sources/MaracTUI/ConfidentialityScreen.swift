import MaracCore
import MaracCases

/// The register at the start of a meeting: the confidentiality statement in
/// full, then the agencies present, who sign it by being recorded.
public struct ConfidentialityScreen: Screen {
    enum Command: Sendable { case sign, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.enter, .char("s")], "sign", "record the agencies present: each signs the statement above", .sign),
        KeyBinding([.char("q"), .escape], "back", "back to the meeting", .back),
    ])

    let day: Day
    var attendance: [String] = []
    /// The agencies' names (the register shows names, not codes: issue 22).
    var names: [String: String] = [:]

    public var title: String { "Confidentiality statement · meeting \(day)" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }

    public init(day: Day) { self.day = day }

    public mutating func reload(_ session: Session, rows: Int) throws {
        attendance = try session.agenda(on: day).attendance
        if names.isEmpty, let agencies = try? session.agencies() {
            names = Dictionary(agencies.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        }
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .sign: return [.ask(.attendance(meeting: day), initial: attendance.joined(separator: " "))]
        case .back: return [.pop]
        }
    }

    /// The codes typed are the agencies present; the register then closes.
    static func answerAttendance(_ text: String, on day: Day) -> [Effect] {
        let codes = text.split(separator: " ").map { String($0).lowercased() }
        return [.request(.recordAttendance(meeting: day, agencies: codes)), .pop]
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        var y = area.y
        for paragraph in ConfidentialityStatement.text {
            for line in Wrap.lines(paragraph, width: max(10, area.width - 2)) where y < area.y + area.height - 2 {
                buffer.put(line, x: area.x + 1, y: y, limit: area.width - 1)
                y += 1
            }
        }
        y += 1
        let signed = attendance.isEmpty ? "none yet" : attendance.map { names[$0] ?? Draw.agency($0) }.joined(separator: ", ")
        if y < area.y + area.height { buffer.put("Signed: \(signed)", x: area.x + 1, y: y, style: .bold, limit: area.width - 1) }
    }
}
