import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// The board's quarterly report: one HTML file with its styles and charts
/// inline (SVG), no scripts and no outside fetches, so it opens offline, prints
/// on paper, and carries nothing but the figures. Bands are told apart by
/// pattern and label as well as colour, so a black-and-white print still reads.
enum ReportHTML {
    static func render(_ d: FiguresDocument, generatedOn: Day) -> String {
        let f = d.figures
        var body = "<h1>MARAC figures: \(f.period.from) to \(f.period.to)</h1>\n"
        body += "<p class=meta>Generated \(generatedOn). "
        body += d.suppress ? escape(d.disclosureNote) :
            "<strong>Exact counts, not suppressed: OFFICIAL-SENSITIVE, do not circulate.</strong>"
        body += f.population.map { " Adult female population \($0)." } ?? " No adult female population set: coverage not computed."
        body += "</p>\n"

        body += "<h2>SafeLives data return</h2>\n<table><tr><th>Figure</th><th>This period</th><th>National</th><th>Recommended</th></tr>\n"
        for item in d.dataReturn {
            body += "<tr><td>\(escape(item.label))</td><td class=n>\(escape(FiguresText.show(item.value, key: item.key)))</td>"
            body += "<td class=n>\(escape(FiguresText.show(item.national, key: item.key)))</td><td class=n>\(escape(FiguresText.show(item.recommended, key: item.key)))</td></tr>\n"
        }
        body += "</table>\n<p class=meta>National: \(escape(NationalFigures.asOf)). Recommended: \(Int(Coverage.recommendedPer10k)) cases a year per 10,000 adult women.</p>\n"

        body += "<h2>Referrals by month and risk band</h2>\n" + stackedBars(d.byMonth, fills: bandFills)
        body += "<h2>Cases heard per quarter against recommended</h2>\n" + trendChart(d)
        body += "<h2>Referral routes of cases heard</h2>\n" + horizontalBars(d.routes)
        if !d.actions.rows.isEmpty { body += "<h2>Action completion by agency</h2>\n" + stackedHorizontal(d.actions, fills: actionFills) }
        for table in d.tables where !table.rows.isEmpty { body += "<h2>\(escape(table.title))</h2>\n" + html(table) }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>MARAC figures \(f.period.from) to \(f.period.to)</title>
            <style>
            body { font: 11pt/1.4 system-ui, sans-serif; color: #111; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
            h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #999; page-break-after: avoid; }
            table { border-collapse: collapse; margin: .5rem 0; page-break-inside: avoid; }
            th, td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: left; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            .meta { color: #444; font-size: .9rem; } svg { max-width: 100%; height: auto; page-break-inside: avoid; }
            svg text { font: 10px sans-serif; fill: #111; }
            @media print { body { margin: 0; max-width: none; } }
            </style></head><body>
            \(body)
            </body></html>

            """
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

    static func html(_ t: FigureTable) -> String {
        let g = FiguresText.grid(t)
        var out = "<table><tr>" + g.columns.enumerated().map { "<th\($0.offset > 0 ? " class=n" : "")>\(escape($0.element))</th>" }.joined() + "</tr>\n"
        for row in g.rows {
            out += "<tr>" + row.enumerated().map { "<td\($0.offset > 0 ? " class=n" : "")>\(escape($0.element))</td>" }.joined() + "</tr>\n"
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
            if t.hidden(i, c) { hidden += value } else if value > 0 { parts.append((value, fills[c], "\(t.columns[c]): \(Int(value))")) }
        }
        if hidden > 0 { parts.append((hidden, suppressedFill, "suppressed: small counts")) }
        return parts
    }

    /// Risk bands by month as stacked bars.
    static func stackedBars(_ t: FigureTable, fills: [String]) -> String {
        let width = 720, height = 260, left = 50, bottom = 40, top = 20
        let maximum = max(1, t.rows.indices.map { t.rowTotal($0) }.max() ?? 1)
        let slot = Double(width - left - 10) / Double(max(1, t.rows.count))
        var svg = "<svg viewBox=\"0 0 \(width) \(height + 30)\" role=\"img\" aria-label=\"\(escape(t.title))\">" + defs
        let plot = Double(height - top - bottom)
        svg += axis(maximum: maximum, left: left, top: top, plot: plot, width: width)
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
        svg += legend(t.columns + (t.mask == nil ? [] : ["suppressed"]), fills: fills + [suppressedFill], y: height + 8)
        return svg + "</svg>\n"
    }

    static func axis(maximum: Double, left: Int, top: Int, plot: Double, width: Int) -> String {
        var out = ""
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let y = Double(top) + plot - plot * Double(step) / 4
            out += "<line x1=\"\(left)\" y1=\"\(f1(y))\" x2=\"\(width - 10)\" y2=\"\(f1(y))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(f1(y + 3))\" text-anchor=\"end\">\(Int(value.rounded()))</text>"
        }
        return out
    }

    /// Cases heard per quarter as bars, with the recommended level as a dashed line.
    static func trendChart(_ d: FiguresDocument) -> String {
        let f = d.figures
        let width = 720, height = 240, left = 50, bottom = 30, top = 20
        let recommended = f.population.map { Coverage.recommendedCases(population: $0, years: 0.25) }
        let maximum = max(1, recommended ?? 0, Double(f.trend.map(\.casesHeard).max() ?? 0)) * 1.1
        let plot = Double(height - top - bottom)
        let slot = Double(width - left - 10) / Double(max(1, f.trend.count))
        var svg = "<svg viewBox=\"0 0 \(width) \(height + 20)\" role=\"img\" aria-label=\"Cases heard per quarter against recommended\">"
        svg += axis(maximum: maximum, left: left, top: top, plot: plot, width: width)
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
        var svg = "<svg viewBox=\"0 0 \(width) \(t.rows.count * rowHeight + 10)\" role=\"img\" aria-label=\"\(escape(t.title))\">"
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
        var svg = "<svg viewBox=\"0 0 \(width) \(t.rows.count * rowHeight + 40)\" role=\"img\" aria-label=\"\(escape(t.title))\">" + defs
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
        svg += legend(t.columns + (t.mask == nil ? [] : ["suppressed"]), fills: fills + [suppressedFill], y: t.rows.count * rowHeight + 14)
        return svg + "</svg>\n"
    }

    static func f1(_ value: Double) -> String { String(format: "%.1f", value) }
}
