import MaracCore

/// Disclosure control for the figures that leave the MARAC: every table of
/// one output is protected in one problem (docs/figures.md, "Disclosure
/// control"), and a table that would be mostly hidden is published coarser.
extension FiguresDocument {
    /// The tables published together and how they are tied: what a reader
    /// could combine. Tables beyond the printed ones hold counts printed
    /// elsewhere in the output (repeat referrals, the data return's counts of
    /// cases heard), so the audit sees them too.
    public var publishedTogether: (tables: [Suppression.Table], links: [Suppression.Link]) {
        let f = figures
        var tables = [byMonth, bySource, byAge, byDistrict, routes, actions, escalated].map(\.suppressionTable)
        let referrals = 0, source = 1, age = 2, district = 3, routesIndex = 4, actionsIndex = 5, escalatedIndex = 6
        var links: [Suppression.Link] = [.partOfColumn(part: escalatedIndex, whole: actionsIndex, column: 3)]
        var shared = [referrals, age, district]
        if (bySource.grandTotal * 2).rounded() == (byMonth.grandTotal * 2).rounded() { shared.append(source) }
        links.append(.sameTotal(shared))
        tables.append(Suppression.Table([[Double(f.repeatReferrals)]], totals: false))
        links.append(.eachWithinTotal(part: tables.count - 1, whole: referrals))
        var heard = routesIndex
        if (routes.grandTotal * 2).rounded() != Double(f.casesHeard * 2) {
            tables.append(Suppression.Table([[Double(f.casesHeard)]]))
            heard = tables.count - 1
        }
        let e = f.equality
        let parts = [f.repeatCases, e.aged16to17, e.perpetrators17OrUnder, f.sharedWithoutConsent,
                     e.raciallyMinoritised, e.lgbt, e.disabled, e.male].filter { $0 <= f.casesHeard }
        tables.append(Suppression.Table(parts.map { [Double($0)] }, totals: false))
        links.append(.eachWithinTotal(part: tables.count - 1, whole: heard))
        return (tables, links)
    }

    /// Protects the printed tables together; a table that would be mostly
    /// hidden is combined (months into quarters, then the period; small
    /// categories into "other") and the whole problem solved again.
    mutating func protectTogether() {
        for _ in 0..<3 {
            applyJointMasks()
            var coarsened = false
            if mostlyHidden(byMonth), byMonth.rows.count > 1 {
                let rows = byMonth.rows.count > 3 ? Coarsening.quarters(byMonth.rows)
                    : Coarsening.combined(byMonth.rows, label: periodLabel, columns: byMonth.columns.count)
                byMonth.rows = rows.count == byMonth.rows.count
                    ? Coarsening.combined(byMonth.rows, label: periodLabel, columns: byMonth.columns.count) : rows
                coarsened = true
            }
            for path in [\FiguresDocument.bySource, \.byAge, \.byDistrict, \.routes] where mostlyHidden(self[keyPath: path]) {
                // Not "other": that is a referral route of its own.
                let other = path == \FiguresDocument.byDistrict ? "other districts" : path == \FiguresDocument.byAge ? "other ages" : "other agencies"
                let before = self[keyPath: path].rows
                guard !before.contains(where: { $0.label == other }) else { continue }
                let after = Coarsening.smallIntoOther(before, threshold: threshold, other: other)
                if after.count < before.count { self[keyPath: path].rows = after; coarsened = true }
            }
            if !coarsened { return }
        }
        applyJointMasks()
    }

    /// Every table rounded to `base`, totals on their own.
    mutating func roundTables(to base: Int) {
        for path in [\FiguresDocument.byMonth, \.bySource, \.byAge, \.byDistrict, \.routes, \.actions, \.escalated] {
            self[keyPath: path].round(to: base)
        }
    }

    /// What a reader of figures that leave the MARAC must be told about them.
    public var disclosureNote: String {
        if let rounding {
            return "Every count is rounded to the nearest \(rounding); any count under \(rounding) has been rounded up to \(rounding). "
                + "Totals are rounded on their own, so they may differ from the sum of the rounded figures."
        }
        return "Counts from 1 to \(threshold - 1) are shown as <\(threshold); values hidden only so that those cannot be worked out "
            + "are shown as [c]. Hidden values are protected across every table published together."
    }

    /// The same, short enough for a heading line.
    public var disclosureLegend: String {
        if let rounding { return "rounded to \(rounding), under \(rounding) reads \(rounding); totals rounded on their own" }
        return "counts under \(threshold) shown as <\(threshold); [c]: hidden to protect them"
    }

    private mutating func applyJointMasks() {
        let (tables, links) = publishedTogether
        let masks = Suppression.masks(tables, links: links, threshold: threshold)
        byMonth.mask = masks[0]
        bySource.mask = masks[1]
        byAge.mask = masks[2]
        byDistrict.mask = masks[3]
        routes.mask = masks[4]
        actions.mask = masks[5]
        escalated.mask = masks[6]
    }

    /// Most of the table hidden: withheld, a total large enough to show
    /// hidden, or more than half its nonzero cells.
    func mostlyHidden(_ table: FigureTable) -> Bool {
        guard let mask = table.mask else { return false }
        if mask.withheld { return true }
        if mask.grandTotal && table.grandTotal >= Double(threshold) { return true }
        var nonzero = 0, hidden = 0
        for (r, row) in table.rows.enumerated() {
            for (c, value) in row.values.enumerated() where value > 0 {
                nonzero += 1
                if mask.cells[r][c] { hidden += 1 }
            }
        }
        return hidden * 2 > nonzero
    }

    /// The period as one row: its quarter when it is one, else its two ends.
    var periodLabel: String {
        let period = figures.period
        let quarter = Quarter(containing: period.from)
        if quarter.first == period.from && quarter.last == period.to { return quarter.description }
        return "\(period.from) to \(period.to)"
    }
}
