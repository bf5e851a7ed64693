import MaracCore
import MaracCases
import MaracDocuments

/// Figures as aligned text (readable at 80 columns) and as tidy CSV.
enum FiguresText {
    static func table(_ d: FiguresDocument, names: FiguresNames) -> String {
        let f = d.figures
        var out = "\(names.marac) figures, \(f.period.spoken) (\(f.period.from) to \(f.period.to))\n"
        out += d.suppress ? "\(d.disclosureLegend); -: not applicable\n" : "-: not applicable\n"
        if f.population == nil { out += "No adult female population set: marac config set adult-female-population N\n" }
        out += "\nSafeLives data return\n"
        out += Table(columns: ["figure", "value", "national", "recommended"], rows: d.dataReturn.map { item in
            [item.label, show(item.value, key: item.key), show(item.national, key: item.key), show(item.recommended, key: item.key)]
        }).render(format: .table)
        for table in d.tables where !table.rows.isEmpty {
            out += "\n" + table.title + "\n" + grid(table).render(format: .table)
        }
        out += "\nCases heard per quarter against recommended\n"
        let perQuarter = f.population.map { Coverage.recommendedCases(population: $0, years: 0.25) }
        let widest = max(1.0, perQuarter ?? 0, Double(f.trend.map(\.casesHeard).max() ?? 0))
        for point in f.trend {
            let value = d.trendValue(point)
            let bar = value.hidden ? "" : String(repeating: "█", count: Int((Double(point.casesHeard) / widest * 40).rounded()))
            out += "\(point.quarter)  \(pad(value.text, 5)) \(bar)\n"
        }
        if let perQuarter { out += "recommended per quarter: \(String(format: "%.1f", perQuarter))\n" }
        return out
    }

    /// The SafeLives data return, a line per meeting, readable at 80 columns
    /// only as a list: the form has eleven counts, so each gets its own column
    /// under a short heading, defined in the key beneath.
    static func dataReturn(_ d: DataReturnDocument, names: FiguresNames) -> String {
        var out = "\(names.marac): SafeLives MARAC data return, \(d.period.spoken)\n"
        if d.suppress { out += "Counts under \(d.threshold) shown as <\(d.threshold); [c]: hidden to protect them\n" }
        if d.meetings.isEmpty { out += "No meeting was held in the period.\n" }
        let short = ["cases", "repeat", "child", "police", "partner", "minor", "lgbt", "disab", "male", "16-17", "perp<18"]
        out += "\n" + Table(columns: ["meeting"] + short, rows: d.rows).render(format: .table) + "\n"
        for (heading, column) in zip(short, MeetingReturn.columns) { out += "\(pad(heading, 8))  \(column.label)\n" }
        return out
    }

    /// A FigureTable as text rows, with totals where they mean something.
    static func grid(_ t: FigureTable) -> Table {
        let multi = t.columns.count > 1
        var rows = t.rows.indices.map { i in
            [t.rows[i].label] + t.columns.indices.map { t.cell(i, $0).text } + (multi && t.totals ? [t.rowTotalValue(i).text] : [])
        }
        if t.totals {
            rows.append(["total"] + t.columns.indices.map { t.columnTotalValue($0).text } + (multi ? [t.grandTotalValue.text] : []))
        }
        return Table(columns: [t.rowHeader] + t.columns + (multi && t.totals ? [t.id == "actions_by_agency" ? "agreed" : "total"] : []), rows: rows)
    }

    static func csv(_ d: FiguresDocument) -> String {
        var rows: [[String]] = []
        let f = d.figures
        rows.append(["period", "from", "value", f.period.from.description])
        rows.append(["period", "to", "value", f.period.to.description])
        for item in d.dataReturn {
            rows.append(["data_return", item.key, "value", show(item.value, key: item.key)])
            rows.append(["data_return", item.key, "national", show(item.national, key: item.key)])
            rows.append(["data_return", item.key, "recommended", show(item.recommended, key: item.key)])
        }
        for t in d.tables {
            let g = grid(t)
            for row in g.rows { for (c, column) in g.columns.enumerated().dropFirst() { rows.append([t.id, row[0], column, row[c]]) } }
        }
        for point in f.trend { rows.append(["trend", point.quarter, "cases_heard", d.trendValue(point).text]) }
        return Table(columns: ["section", "row", "column", "value"], rows: rows).render(format: .csv)
    }

    static func show(_ value: JSON, key: String) -> String {
        switch value {
        case .null: return "-"
        case .number(let x) where key.hasSuffix("rate") || key == "coverage" || key == "year_on_year_change":
            return String(format: "%.1f%%", x * 100)
        default: return ReferralPrinter.plain(value)
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
