import MaracCore
import MaracCases
import MaracDocuments

/// A quarter's figures with bar charts drawn in the terminal: risk bands by
/// month, cases heard against recommended, referral routes. Bars carry their
/// numbers and the bands their names, so nothing depends on colour.
public struct FiguresScreen: Screen {
    enum Command: Sendable { case previous, next, down, up, back, report, csv, json }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("["), .left], "prev quarter", "the quarter before", .previous),
        KeyBinding([.char("]"), .right], "next quarter", "the quarter after", .next),
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "scroll down", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "scroll up", .up, hint: false),
        // Issue 22, defect 6: the board report and the exports, written from here (owner-only files, small counts suppressed).
        KeyBinding([.char("b")], "board report", "write this quarter's board report (HTML, counts under the threshold suppressed)", .report),
        KeyBinding([.char("e")], "csv", "write this quarter's controlled figures as CSV (suppressed)", .csv),
        KeyBinding([.char("E")], "json", "write this quarter's controlled figures as JSON (suppressed)", .json, hint: false),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    public var quarter: Quarter
    public var title: String { "Figures \(quarter)" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    public var reloadsOnEveryKey: Bool { false }

    var lines: [(String, CellStyle)] = []
    var scroll = 0
    var height = 10
    var width = 80

    public init(today: Day) {
        quarter = Quarter(containing: today)
    }

    public mutating func reload(_ session: Session, rows: Int) throws {
        height = rows
        let period = quarter.period
        // Exact counts for those the policy lets see them; the analyst's home
        // (issue 22) shows them suppressed, as `marac stats` does for that role.
        let suppress = try session.mustSuppressFigures()
        let f = try session.figures(period)
        // The same document stats and the report print: the screen and the exports cannot disagree.
        // Agencies by name, as the report shows them (the figures keep codes).
        let names = try session.figuresNames()
        let rounding: Int? = try suppress ? session.figuresRounding() : nil
        let document = FiguresDocument(f, suppress: suppress, threshold: try session.suppressionThreshold(), rounding: rounding).named(names)
        // Bars drawn from exact counts would show what suppression hides: suppressed figures have numbers only.
        func bar(_ text: String) -> String { suppress ? "" : text }
        let population = f.population
        var out: [(String, CellStyle)] = []
        out.append(("\(names.marac) · \(period.spoken)", .bold))
        out.append(("\(period.from) to \(period.to) · \(Count.of(document.byMonth.grandTotalValue.text, "referral")) · \(Count.of(document.casesHeardValue.text, "case")) heard · \(Count.of(document.count(f.repeatCases, key: "repeat_cases").text, "repeat"))", .bold))
        if let coverage = f.coverage, let recommended = f.recommendedCases {
            out.append((String(format: "Coverage %.1f%% of %.0f recommended · %.2f per 10,000 adult women a year (national %.0f, recommended %.0f)",
                               coverage * 100, recommended, f.casesPer10kAdultWomen ?? 0, NationalFigures.casesPer10k, Coverage.recommendedPer10k), .plain))
        } else if (try? session.whoAmI()).map({ Policy.grant($0.roles, .changeSettings) != nil }) == true {
            out.append(("Set the adult female population for coverage: marac config set adult-female-population N", .dim))
        } else {
            // Only those who may change settings are told the command (issue 22: an analyst may not).
            out.append(("No coverage: the adult female population is not set (the coordinator sets it)", .dim))
        }
        if suppress { out.append((document.disclosureLegend, .dim)) }
        out.append(("Shared without consent: \(document.count(f.sharedWithoutConsent, key: "shared_without_consent").text) of the cases heard", .plain))
        out.append(("", .plain))
        out.append(("Referrals by month and risk band  (H high, M medium, S standard, N no checklist)", .bold))
        let months = document.byMonth
        let maxMonth = max(1, months.rows.indices.map(months.rowTotal).max() ?? 1)
        let barWidth = max(10, min(50, width - 44))
        for (i, month) in months.rows.enumerated() {
            var bar = ""
            for (column, letter) in ["H", "M", "S", "N"].enumerated() {
                bar += String(repeating: letter, count: Int((month.values[column] / maxMonth * Double(barWidth)).rounded()))
            }
            let cells = ["H", "M", "S", "N"].enumerated().map { $1 + months.cell(i, $0).text }.joined(separator: " ")
            out.append(("\(month.label) \(pad(months.rowTotalValue(i).text, 4)) \(suppress ? "" : bar + "  ")\(cells)", .plain))
        }
        out.append(("", .plain))
        out.append(("Cases heard per quarter against recommended", .bold))
        let perQuarter = population.map { Coverage.recommendedCases(population: $0, years: 0.25) }
        let maxQuarter = max(1, perQuarter ?? 0, Double(f.trend.map(\.casesHeard).max() ?? 0))
        for point in f.trend {
            let shown = bar(String(repeating: "█", count: Int((Double(point.casesHeard) / maxQuarter * Double(barWidth)).rounded())))
            out.append(("\(point.quarter) \(pad(document.trendValue(point).text, 4)) \(shown)", .plain))
        }
        if let perQuarter, !suppress {
            out.append(("recommended \(String(format: "%.0f", perQuarter)) a quarter: \(String(repeating: "·", count: Int(perQuarter / maxQuarter * Double(barWidth))))|", .dim))
        }
        out.append(("", .plain))
        out.append((document.routes.title, .bold))
        let routes = document.routes
        let maxRoute = max(1, routes.rows.map { $0.values[0] }.max() ?? 1)
        for (i, route) in routes.rows.enumerated() {
            let n = route.values[0]
            out.append(("\(String(route.label.prefix(30)).padding(toLength: 30, withPad: " ", startingAt: 0)) \(routes.cell(i, 0).text.padding(toLength: 5, withPad: " ", startingAt: 0)) \(bar(String(repeating: "▇", count: Int((n / maxRoute * Double(barWidth)).rounded()))))", .plain))
        }
        lines = out
        scroll = min(scroll, max(0, lines.count - height))
    }

    func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        // Another quarter: this screen reloads only when asked (its figures are costly to read).
        case .previous:
            quarter = quarter.adding(-1) ?? quarter
            return [.reload]
        case .next:
            quarter = quarter.adding(1) ?? quarter
            return [.reload]
        case .down: scroll = min(scroll + 1, max(0, lines.count - height))
        case .up: scroll = max(0, scroll - 1)
        case .back: return [.pop]
        case .report: return [FileTask.boardReport(quarter).ask]
        case .csv: return [FileTask.figures(quarter, .csv).ask]
        case .json: return [FileTask.figures(quarter, .json).ask]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        for (row, index) in (scroll..<min(lines.count, scroll + area.height)).enumerated() {
            buffer.put(lines[index].0, x: area.x + 1, y: area.y + row, style: lines[index].1, limit: area.width - 1)
        }
        // Lines below the window are said, never silently cut (issue 22: the
        // routes were cut at 80×24 with no mark); the mark gives way as j scrolls.
        let below = lines.count - (scroll + area.height)
        if below > 0, area.height > 1 {
            let mark = "▼ \(below + 1) more lines: j or ↓ scrolls"
            buffer.put(String(repeating: " ", count: max(0, area.width)), x: area.x, y: area.y + area.height - 1)
            buffer.put(mark, x: area.x + 1, y: area.y + area.height - 1, style: .bold, limit: area.width - 1)
        }
    }
}

/// What each key asks for (issue 22): the exports need the figures the role may see.
extension FiguresScreen: RoleKeyed {
    static func useCase(_ command: Command) -> UseCase? {
        switch command {
        case .previous, .next, .down, .up, .back: nil
        case .report, .csv, .json: .viewSuppressedFigures
        }
    }
}
