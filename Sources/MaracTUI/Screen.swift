import Foundation
import MaracCore
import MaracCases

/// The screen row a screen's body starts on (below the title bar).
public let bodyTop = 1

/// A rectangle of the buffer a screen draws its body into.
public struct Rect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
}

/// One screen: its state, its keymap, how it draws. Keys change state through
/// `handle`, a plain function of the state and the key: it reads no database
/// and calls no use case, it returns effects (requests among them) for the app
/// to carry out, so tests check what a key asks for with no terminal and no
/// database at all. Loading and drawing still read the session.
public protocol Screen {
    var title: String { get }
    /// The status line's key hints and the `?` help, both from the screen's keymap.
    var hints: String { get }
    var helpLines: [(keys: String, help: String)] { get }
    /// True while the screen takes typed text, so `?` and `/` are characters, not commands.
    var capturesText: Bool { get }
    /// True while there is something to lose by leaving.
    var hasUnsavedChanges: Bool { get }
    /// Whether every key re-fetches the page (so others' changes show at once).
    /// Screens whose data is costly to fetch say no and reload on their own keys.
    var reloadsOnEveryKey: Bool { get }
    /// Fetches the visible page afresh (others may have changed it).
    mutating func reload(_ session: Session, rows: Int) throws
    mutating func handle(_ key: Key) -> [Effect]
    func render(into buffer: inout CellBuffer, area: Rect, session: Session)
    /// Moves the highlight to a referral, when the screen lists referrals.
    mutating func focus(ref: String)
    /// A value chosen from a picker, for the field it was chosen for (issue 22).
    mutating func fill(column: String, value: String)
    /// Help about the thing in hand (a form's field), shown first by F1 and `?`.
    var contextHelp: [(keys: String, help: String)] { get }
}

extension Screen {
    public mutating func focus(ref: String) {}
    public mutating func fill(column: String, value: String) {}
    public var contextHelp: [(keys: String, help: String)] { [] }
    public var reloadsOnEveryKey: Bool { true }
    public var capturesText: Bool { false }
    public var hasUnsavedChanges: Bool { false }
}

/// A cursor over a list the screen pages through.
public struct ListCursor: Sendable, Equatable {
    public var selected = 0
    public var top = 0

    public mutating func move(_ delta: Int, count: Int, visible: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected + delta), count - 1)
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
    }

    public mutating func clamp(count: Int, visible: Int) { move(0, count: count, visible: max(1, visible)) }

    /// After a reload: the highlight goes back to the item it was on (by id),
    /// wherever that item now stands. Returns false when it is gone.
    @discardableResult
    public mutating func follow<ID: Equatable>(_ id: ID?, in ids: [ID], visible: Int) -> Bool {
        defer { clamp(count: ids.count, visible: visible) }
        guard let id, let index = ids.firstIndex(of: id) else { return id == nil }
        move(index - selected, count: ids.count, visible: max(1, visible))
        return true
    }

    /// "12/112": where the highlight is in the whole list.
    public func position(count: Int, total: Int? = nil) -> String {
        count == 0 ? "0/0" : "\(selected + 1)/\(total ?? count)"
    }

    /// A click on a list whose first row is drawn at screen row `firstRow`:
    /// selects the row; a click on the row already selected returns true (open it).
    public mutating func click(row: Int, firstRow: Int, count: Int, visible: Int) -> Bool {
        let index = top + row - firstRow
        guard row >= firstRow, row < firstRow + visible, index < count else { return false }
        if index == selected { return true }
        move(index - selected, count: count, visible: visible)
        return false
    }
}

enum Draw {
    /// The band in words, coloured too (never colour alone).
    static func band(_ band: RiskBand) -> (String, CellStyle) {
        switch band {
        case .high: ("HIGH", CellStyle(bold: true, colour: .high))
        case .medium: ("medium", CellStyle(colour: .medium))
        case .standard: ("standard", CellStyle(colour: .standard))
        case .notCompleted: ("no RIC", CellStyle(dim: true))
        }
    }

    /// A DARA grade in the band column (8 cells): named as DARA, never as a DASH band.
    static func dara(_ grade: DaraGrade) -> (String, CellStyle) {
        switch grade {
        case .high: ("DARA HI", CellStyle(bold: true, colour: .high))
        case .medium: ("DARA med", CellStyle(colour: .medium))
        case .standard: ("DARA std", CellStyle(colour: .standard))
        }
    }

    /// An agency by name, never its code (a local agency the partnership added keeps its code, made readable).
    static func agency(_ code: String) -> String {
        ReferralRoute(rawValue: code)?.displayName ?? code.replacingOccurrences(of: "_", with: " ")
    }

    /// Columns laid out left to right; the last one takes what is left.
    static func row(_ buffer: inout CellBuffer, y: Int, x: Int, width: Int, cells: [(String, Int, CellStyle)], selected: Bool) {
        var column = x
        for (index, cell) in cells.enumerated() {
            let w = index == cells.count - 1 ? max(0, x + width - column) : min(cell.1, max(0, x + width - column))
            if w <= 0 { break }
            var style = cell.2
            if selected { style.reverse = true }
            buffer.put(CellBuffer.fit(cell.0, w), x: column, y: y, style: style, limit: w)
            column += w
            if index < cells.count - 1, column < x + width {
                buffer.put(" ", x: column, y: y, style: selected ? .reverse : .plain)
                column += 1
            }
        }
    }
}
