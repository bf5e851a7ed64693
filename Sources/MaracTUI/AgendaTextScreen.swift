import MaracCore
import MaracCases
import MaracDocuments

/// A meeting's agenda read on screen (issue 22, defect 6): the text the
/// agenda file carries (`meeting agenda`, and the agenda `w` encrypts to the
/// MARAC's key), in SafeLives order, wrapped to the window. It scrolls as the
/// minutes do: the minutes' reader is given the agenda's text. Reading it is
/// recorded, as the command's is.
public struct AgendaTextScreen: Screen {
    public let day: Day
    var reader: MinutesScreen

    public init(day: Day) {
        self.day = day
        reader = MinutesScreen(day: day)
    }

    public var title: String { "Agenda \(day)" }
    public var hints: String { reader.hints }
    public var helpLines: [(keys: String, help: String)] { reader.helpLines }
    /// Read once when opened (reading it is recorded), not on every key.
    public var reloadsOnEveryKey: Bool { false }

    public mutating func reload(_ session: Session, rows: Int) throws {
        reader.height = rows
        reader.text = MeetingDocuments.agendaMarkdown(try session.agenda(on: day), today: session.today)
    }

    public mutating func handle(_ key: Key) -> [Effect] { reader.handle(key) }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        reader.render(into: &buffer, area: area, session: session)
    }
}
