import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// The board's quarterly report: one HTML file with its styles and charts
/// inline (SVG), no scripts and no outside fetches, so it opens offline, prints
/// on paper, and carries nothing but the figures. Bands are told apart by
/// pattern and label as well as colour, so a black-and-white print still reads.
enum ReportHTML {
    /// `comparisons`: the quarter before (for a quarter) and the same period a
    /// year before, read and suppressed as this one is.
    static func render(_ d: FiguresDocument, names: FiguresNames, generatedOn: Day, comparisons: [FiguresDocument] = []) -> String {
        let f = d.figures
        let heading = "\(names.marac): figures for \(f.period.spoken)"
        let exact = FiguresDocument(f, suppress: false, threshold: d.threshold)
        let yearBefore = comparisons.first { $0.figures.period == f.period.yearBefore }
        var body = "<header><h1>\(escape(heading))</h1>\n"
        body += "<p class=meta>\(f.period.from) to \(f.period.to) · generated \(generatedOn). "
        body += d.suppress ? escape(d.disclosureNote) :
            "<strong>Exact counts, not suppressed: OFFICIAL-SENSITIVE, do not circulate.</strong>"
        body += f.population.map { " Adult female population \($0)." } ?? " No adult female population set: coverage not computed."
        body += "</p>\n" + key(d) + "</header>\n"

        body += "<section><h2>Summary</h2>\n<ul class=summary>"
        body += BoardSummary.sentences(d, yearBefore: yearBefore).map { "<li>\(escape($0))</li>" }.joined() + "</ul></section>\n"

        body += section("SafeLives data return", f.period) + dataReturnTable(d, exact: exact) + "</section>\n"
        if !comparisons.isEmpty { body += section("Beside earlier periods", f.period) + comparisonTable(d, comparisons) + "</section>\n" }
        // The meeting lines as protected with the other tables (issue 21).
        let perMeeting = DataReturnDocument(d)
        if !perMeeting.meetings.isEmpty { body += section("The data return meeting by meeting", f.period) + meetingTable(perMeeting) + "</section>\n" }

        body += section(d.byMonth.title, f.period) + stackedBars(d.byMonth, fills: bandFills) + html(d.byMonth, f.period) + "</section>\n"
        body += section("Cases heard per quarter against recommended", f.period) + trendChart(d) + "</section>\n"
        body += section(d.routes.title, f.period) + horizontalBars(d.routes) + "</section>\n"
        if !d.actions.rows.isEmpty { body += section(d.actions.title, f.period) + stackedHorizontal(d.actions, fills: actionFills) + "</section>\n" }
        if let between = d.between {
            body += section("Referrals by abuse type", f.period) + abuseTypeTable(between, f.period) + "</section>\n"
        }
        for table in d.tables where !table.rows.isEmpty && table.id != d.byMonth.id && !abuseTypeIDs.contains(table.id) {
            body += section(table.title, f.period) + html(table, f.period) + "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(heading))</title>
            <style>
            body { font: 11pt/1.4 system-ui, sans-serif; color: #111; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
            h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #999; break-after: avoid; }
            h2 .period { font-weight: normal; color: #444; font-size: .9rem; }
            table { border-collapse: collapse; margin: .5rem 0; break-inside: avoid; }
            caption { text-align: left; font-weight: 600; padding: .2rem 0; }
            th, td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: left; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            th[scope=row] { font-weight: normal; }
            td.hidden { background: #eee; font-style: italic; } td.na { color: #666; }
            .meta { color: #444; font-size: .9rem; } svg { max-width: 100%; height: auto; break-inside: avoid; }
            svg text { font: 10px sans-serif; fill: #111; }
            dl.key { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; font-size: .9rem; border: 1px solid #bbb; padding: .4rem .6rem; }
            dl.key dt { font-weight: 600; } dl.key dd { margin: 0; }
            section { break-inside: auto; }
            table.wide { width: 100%; table-layout: fixed; font-size: .8rem; } table.wide th { hyphens: auto; }
            @page { size: A4; margin: 16mm 14mm 16mm 14mm;
              @top-center { content: "\(escape(cssString(heading)))"; font: 9pt sans-serif; color: #444; }
              @bottom-right { content: "page " counter(page) " of " counter(pages); font: 9pt sans-serif; color: #444; } }
            @media print {
              body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              section { break-inside: avoid-page; }
              h2 { break-after: avoid-page; }
            }
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    /// A section's heading carries the period, so a page printed alone says what it covers.
    static func section(_ title: String, _ period: FiguresPeriod) -> String {
        "<section><h2>\(escape(title)) <span class=period>· \(escape(period.spoken))</span></h2>\n"
    }

    /// What a hidden value and a figure that does not apply look like.
    static func key(_ d: FiguresDocument) -> String {
        var out = "<dl class=key aria-label=\"Key to the tables\">"
        if d.suppress {
            out += "<dt>&lt;\(d.threshold)</dt><dd>hidden: a count from 1 to \(d.threshold - 1), too small to publish</dd>"
            out += "<dt>[c]</dt><dd>hidden so that a small count cannot be worked out from the totals</dd>"
        }
        out += "<dt>–</dt><dd>not applicable: nothing to take a share of, no comparator, or no population set</dd></dl>\n"
        return out
    }

    /// A figure of the data return: hidden (`[c]`) where suppression withheld
    /// it, "–" where it does not apply (the exact figures have none either).
    static func returnCell(_ value: JSON, exact: JSON, key: String) -> String {
        if case .null = value {
            if exact.isPresent { return "<td class=\"n hidden\">[c]</td>" }
            return "<td class=\"n na\">–</td>"
        }
        if case .string(let label) = value { return "<td class=\"n hidden\">\(escape(label))</td>" }
        return "<td class=n>\(escape(FiguresText.show(value, key: key)))</td>"
    }

    static func dataReturnTable(_ d: FiguresDocument, exact: FiguresDocument) -> String {
        let exactItems = Dictionary(exact.dataReturn.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        var out = "<table><caption>SafeLives data return, \(escape(d.figures.period.spoken))</caption>\n"
        out += "<tr><th scope=col>Figure</th><th scope=col class=n>This period</th><th scope=col class=n>National (\(escape(NationalFigures.source)))</th><th scope=col class=n>Recommended</th></tr>\n"
        for item in d.dataReturn {
            out += "<tr><th scope=row>\(escape(item.label))</th>" + returnCell(item.value, exact: exactItems[item.key] ?? .null, key: item.key)
            out += returnCell(item.national, exact: .null, key: item.key) + returnCell(item.recommended, exact: .null, key: item.key) + "</tr>\n"
        }
        return out + "</table>\n<p class=meta>National: \(escape(NationalFigures.source)), \(NationalFigures.maracs) MARACs. Recommended: \(Int(Coverage.recommendedPer10k)) cases a year per 10,000 adult women.</p>\n"
    }

    /// This period beside the quarter before and the same period a year before.
    static func comparisonTable(_ d: FiguresDocument, _ others: [FiguresDocument]) -> String {
        let all = [d] + others
        var out = "<table><caption>\(escape(d.figures.period.spoken)) beside earlier periods</caption>\n<tr><th scope=col>Figure</th>"
        out += all.map { "<th scope=col class=n>\(escape($0.figures.period.spoken))</th>" }.joined() + "</tr>\n"
        let lines: [(String, (FiguresDocument) -> FigureValue?)] = [
            ("Referrals received", { $0.byMonth.grandTotalValue }),
            ("Cases heard", { $0.casesHeardValue }),
            ("Repeat cases", { $0.count($0.figures.repeatCases, key: "repeat_cases") }),
            ("Children in the households", { $0.count($0.figures.childrenInHouseholds, key: "children") }),
            ("Repeat rate", { doc in doc.share(doc.figures.repeatCases, of: doc.figures.casesHeard, key: "repeat_cases").map { FigureValue($0 * 100, hidden: false) } }),
        ]
        for (label, value) in lines {
            out += "<tr><th scope=row>\(escape(label))</th>"
            for doc in all {
                if let v = value(doc) {
                    out += v.hidden ? "<td class=\"n hidden\">\(escape(v.text))</td>"
                        : "<td class=n>\(label == "Repeat rate" ? String(format: "%.1f%%", v.value) : escape(v.text))</td>"
                } else {
                    let exact = FiguresDocument(doc.figures, suppress: false, threshold: doc.threshold)
                    out += value(exact) == nil ? "<td class=\"n na\">–</td>" : "<td class=\"n hidden\">[c]</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// The data return's line per meeting, as it goes into the SafeLives form.
    static func meetingTable(_ r: DataReturnDocument) -> String {
        var out = "<table class=wide><caption>Counts per meeting held, \(escape(r.period.spoken))</caption>\n<tr><th scope=col>Meeting</th>"
        out += MeetingReturn.columns.map { "<th scope=col class=n>\(escape($0.label))</th>" }.joined() + "</tr>\n"
        func cells(_ values: [FigureValue]) -> String {
            values.map { $0.hidden ? "<td class=\"n hidden\">\(escape($0.text))</td>" : "<td class=n>\(escape($0.text))</td>" }.joined()
        }
        for (i, day) in r.meetings.enumerated() {
            out += "<tr><th scope=row>\(escape(FiguresPeriod.written(day)))</th>" + cells(r.line(i)) + "</tr>\n"
        }
        return out + "<tr><th scope=row>Total</th>" + cells(r.total) + "</tr>\n</table>\n"
    }

    /// CSS strings: the heading in the page's margin box.
    static func cssString(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in TerminalText.escape(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A table with its caption, column and row headers (`scope`), and
    /// hidden cells marked so they read apart from shown ones.
    static func html(_ t: FigureTable, _ period: FiguresPeriod) -> String {
        let g = FiguresText.grid(t)
        var out = "<table><caption>\(escape(t.title)), \(escape(period.spoken))</caption>\n<tr>"
        out += g.columns.enumerated().map { "<th scope=col\($0.offset > 0 ? " class=n" : "")>\(escape($0.element))</th>" }.joined() + "</tr>\n"
        for row in g.rows {
            out += "<tr><th scope=row>\(escape(row[0]))</th>" + row.dropFirst().map { cell in
                let hidden = cell.hasPrefix("<") || cell == "[c]"
                return "<td class=\"n\(hidden ? " hidden" : "")\">\(escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// Shown as the one table by type below (with shares and the change), not twice.
    static let abuseTypeIDs: Set<String> = ["referrals_by_abuse_type", "referrals_by_abuse_type_quarter_before"]

    /// Bromley's table by type (issue 23): each type's referrals, its share
    /// of all type mentions ("29.4%"), the quarter before and the change on
    /// it ("a 35.7% increase"); a share or change withheld reads "-".
    static func abuseTypeTable(_ b: BetweenMeetingsTables, _ period: FiguresPeriod) -> String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%+.1f%%", $0 * 100) } ?? "-" }
        var out = "<table><caption>Referrals by abuse type, \(escape(period.spoken))</caption>\n<tr><th scope=col>type</th>"
        out += ["referrals", "share", "quarter before", "change"].map { "<th scope=col class=n>\($0)</th>" }.joined() + "</tr>\n"
        for row in b.referralsByTypeRows {
            let cells = [(row.count.text, row.count.hidden), (row.share.map { String(format: "%.1f%%", $0 * 100) } ?? "-", false),
                         (row.before?.text ?? "-", row.before?.hidden ?? false), (percent(row.change), false)]
            out += "<tr><th scope=row>\(escape(row.type.words))</th>" + cells.map { cell in
                "<td class=\"n\(cell.1 ? " hidden" : "")\">\(escape(cell.0))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// Fills by band: dark to light, plus a hatch, so print in grey still separates them.
    static let bandFills = ["#7f1d1d", "#d97706", "#2563eb", "url(#hatch)"]
    /// Action outcomes: done on time, done late, incomplete, open overdue, open not due.
    static let actionFills = ["#166534", "#84cc16", "#b91c1c", "url(#hatch)", "#d1d5db"]
    /// Cells hidden by suppression are drawn together as one grey, dotted segment.
    static let suppressedFill = "url(#dots)"
    static let fills = bandFills

    static let defs = """
        <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/></pattern>
        <pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#e5e7eb"/><circle cx="2.5" cy="2.5" r="1" fill="#555"/></pattern></defs>
        """

    static func legend(_ names: [String], fills: [String], y: Int) -> String {
        zip(names, fills).enumerated().map { i, item in
            "<rect x=\"\(20 + i * 118)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(item.1)\" stroke=\"#333\"/>"
                + "<text x=\"\(36 + i * 118)\" y=\"\(y + 10)\">\(escape(item.0))</text>"
        }.joined()
    }

    /// The segments of one stacked bar: shown cells in their own fill, hidden
    /// cells merged into one "suppressed" segment (their sum is the row total
    /// less the shown cells, which the table already gives away).
    static func segments(_ t: FigureTable, row i: Int, fills: [String]) -> [(value: Double, fill: String, label: String)]? {
        if t.rowTotalValue(i).hidden { return nil }
        var parts: [(Double, String, String)] = []
        var hidden = 0.0
        for (c, value) in t.rows[i].values.enumerated() {
            if t.hidden(i, c) { hidden += value } else if value > 0 { parts.append((value, fills[c % fills.count], "\(t.columns[c]): \(t.cell(i, c).text)")) }
        }
        if hidden > 0 { parts.append((hidden, suppressedFill, "suppressed: small counts")) }
        return parts
    }

    /// Risk bands by month as stacked bars.
    static func stackedBars(_ t: FigureTable, fills: [String]) -> String {
        let width = 720, height = 260, left = 50, bottom = 40, top = 20
        // A coarsened table (the quarter as one row, bands combined) is drawn as it comes, a bar a row.
        let scale = ChartScale(maximum: t.rows.indices.map { t.rowTotal($0) }.max() ?? 1)
        let maximum = scale.top
        let slot = Double(width - left - 10) / Double(max(1, t.rows.count))
        var svg = openChart(width: width, height: height + 30, id: t.id, title: t.title, description: describe(t)) + defs
        let plot = Double(height - top - bottom)
        svg += axis(scale, left: left, top: top, plot: plot, width: width)
        for (i, row) in t.rows.enumerated() {
            var y = Double(height - bottom)
            let x = Double(left) + Double(i) * slot + slot * 0.15
            if let parts = segments(t, row: i, fills: fills) {
                for part in parts {
                    let h = part.value / maximum * plot
                    y -= h
                    svg += "<rect x=\"\(f1(x))\" y=\"\(f1(y))\" width=\"\(f1(slot * 0.7))\" height=\"\(f1(h))\" fill=\"\(part.fill)\" stroke=\"#333\" stroke-width=\".5\"><title>\(escape(row.label)) \(escape(part.label))</title></rect>"
                }
                svg += "<text x=\"\(f1(x))\" y=\"\(f1(y - 3))\">\(t.rowTotalValue(i).text)</text>"
            } else {
                svg += "<text x=\"\(f1(x))\" y=\"\(height - bottom - 4)\">\(escape(t.rowTotalValue(i).text))</text>"
            }
            svg += "<text x=\"\(f1(x))\" y=\"\(height - bottom + 14)\" transform=\"rotate(30 \(f1(x)) \(height - bottom + 14))\">\(escape(row.label))</text>"
        }
        svg += legend(t.columns + (t.mask == nil ? [] : ["suppressed"]), fills: t.columns.indices.map { fills[$0 % fills.count] } + [suppressedFill], y: height + 8)
        return svg + "</svg>\n"
    }

    /// Grid lines and labels on round numbers (`ChartScale`).
    static func axis(_ scale: ChartScale, left: Int, top: Int, plot: Double, width: Int) -> String {
        var out = ""
        for value in scale.ticks {
            let y = Double(top) + plot - plot * value / scale.top
            out += "<line x1=\"\(left)\" y1=\"\(f1(y))\" x2=\"\(width - 10)\" y2=\"\(f1(y))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(f1(y + 3))\" text-anchor=\"end\">\(Int(value))</text>"
        }
        return out
    }

    /// The chart's text alternative: its title, and each row's total and
    /// shown cells, hidden ones by their label (never their value).
    static func describe(_ t: FigureTable) -> String {
        let rows = t.rows.indices.map { i -> String in
            let parts = t.columns.indices.map { "\(t.columns[$0]) \(t.cell(i, $0).text)" }
            return t.columns.count > 1 ? "\(t.rows[i].label): \(t.rowTotalValue(i).text) (\(parts.joined(separator: ", ")))"
                : "\(t.rows[i].label): \(t.cell(i, 0).text)"
        }
        return t.title + ". " + rows.joined(separator: "; ") + "."
    }

    /// An SVG chart opened with its accessible name and description.
    static func openChart(width: Int, height: Int, id: String, title: String, description: String) -> String {
        "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\"><title id=\"\(id)-t\">\(escape(title))</title><desc id=\"\(id)-d\">\(escape(description))</desc>"
    }

    /// Cases heard per quarter as bars, with the recommended level as a dashed line.
    static func trendChart(_ d: FiguresDocument) -> String {
        let f = d.figures
        let width = 720, height = 240, left = 50, bottom = 30, top = 20
        let recommended = f.population.map { Coverage.recommendedCases(population: $0, years: 0.25) }
        // Hidden quarters do not set the scale: the axis would hint at them.
        let shown = f.trend.filter { !d.trendValue($0).hidden }.map(\.casesHeard).max() ?? 0
        let scale = ChartScale(maximum: max(1, recommended ?? 0, Double(shown)) * 1.05)
        let maximum = scale.top
        let plot = Double(height - top - bottom)
        let slot = Double(width - left - 10) / Double(max(1, f.trend.count))
        let text = "Cases heard per quarter: " + f.trend.map { "\($0.quarter) \(d.trendValue($0).text)" }.joined(separator: ", ")
            + (recommended.map { String(format: "; recommended %.0f a quarter.", $0) } ?? ".")
        var svg = openChart(width: width, height: height + 20, id: "trend", title: "Cases heard per quarter against recommended", description: text)
        svg += axis(scale, left: left, top: top, plot: plot, width: width)
        for (i, point) in f.trend.enumerated() {
            let x = Double(left) + Double(i) * slot + slot * 0.2
            let value = d.trendValue(point)
            if !value.hidden {
                let h = Double(point.casesHeard) / maximum * plot
                svg += "<rect x=\"\(f1(x))\" y=\"\(f1(Double(top) + plot - h))\" width=\"\(f1(slot * 0.6))\" height=\"\(f1(h))\" fill=\"#2563eb\" stroke=\"#333\" stroke-width=\".5\"/>"
            }
            svg += "<text x=\"\(f1(x))\" y=\"\(f1(Double(top) + plot - 4 - (value.hidden ? 0 : Double(point.casesHeard) / maximum * plot)))\">\(escape(value.text))</text>"
            svg += "<text x=\"\(f1(x))\" y=\"\(height - bottom + 14)\">\(point.quarter)</text>"
        }
        if let recommended {
            let y = Double(top) + plot - recommended / maximum * plot
            svg += "<line x1=\"\(left)\" y1=\"\(f1(y))\" x2=\"\(width - 10)\" y2=\"\(f1(y))\" stroke=\"#7f1d1d\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
            svg += "<text x=\"\(width - 12)\" y=\"\(f1(y - 4))\" text-anchor=\"end\">recommended \(String(format: "%.0f", recommended)) a quarter</text>"
        }
        return svg + "</svg>\n"
    }

    /// One bar per row (referral routes), labelled with its value.
    static func horizontalBars(_ t: FigureTable) -> String {
        let rowHeight = 18, left = 170, width = 720
        let maximum = max(1, t.rows.map { $0.values[0] }.max() ?? 1)
        var svg = openChart(width: width, height: t.rows.count * rowHeight + 10, id: t.id, title: t.title, description: describe(t))
        for (i, row) in t.rows.enumerated() {
            let y = i * rowHeight + 4
            let value = t.cell(i, 0)
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 12)\" text-anchor=\"end\">\(escape(row.label))</text>"
            let w = value.hidden ? 0 : row.values[0] / maximum * Double(width - left - 60)
            if w > 0 { svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(f1(w))\" height=\"\(rowHeight - 4)\" fill=\"#2563eb\" stroke=\"#333\" stroke-width=\".5\"/>" }
            svg += "<text x=\"\(f1(Double(left) + w + 4))\" y=\"\(y + 12)\">\(escape(value.text))</text>"
        }
        return svg + "</svg>\n"
    }

    /// Action outcomes per agency as stacked horizontal bars.
    static func stackedHorizontal(_ t: FigureTable, fills: [String]) -> String {
        let rowHeight = 20, left = 170, width = 720
        let maximum = max(1, t.rows.indices.map { t.rowTotal($0) }.max() ?? 1)
        var svg = openChart(width: width, height: t.rows.count * rowHeight + 40, id: t.id, title: t.title, description: describe(t)) + defs
        for (i, row) in t.rows.enumerated() {
            let y = i * rowHeight + 4
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 13)\" text-anchor=\"end\">\(escape(row.label))</text>"
            guard let parts = segments(t, row: i, fills: fills) else {
                svg += "<text x=\"\(left)\" y=\"\(y + 13)\">\(escape(t.rowTotalValue(i).text)) agreed</text>"
                continue
            }
            var x = Double(left)
            for part in parts {
                let w = part.value / maximum * Double(width - left - 50)
                svg += "<rect x=\"\(f1(x))\" y=\"\(y)\" width=\"\(f1(w))\" height=\"\(rowHeight - 5)\" fill=\"\(part.fill)\" stroke=\"#333\" stroke-width=\".5\"><title>\(escape(part.label))</title></rect>"
                x += w
            }
            svg += "<text x=\"\(f1(x + 4))\" y=\"\(y + 13)\">\(t.rowTotalValue(i).text)</text>"
        }
        svg += legend(t.columns + (t.mask == nil ? [] : ["suppressed"]), fills: t.columns.indices.map { fills[$0 % fills.count] } + [suppressedFill], y: t.rows.count * rowHeight + 14)
        return svg + "</svg>\n"
    }

    static func f1(_ value: Double) -> String { String(format: "%.1f", value) }
}
