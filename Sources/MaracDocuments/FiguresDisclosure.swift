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
        let layout = together
        return (layout.tables, layout.links)
    }

    /// Where each printed figure sits among the tables published together.
    struct Together {
        var tables: [Suppression.Table] = []
        var links: [Suppression.Link] = []
        /// The counts within cases heard: their keys, one row each of table `parts`.
        var partKeys: [String] = []
        var parts = -1
        /// The data return meeting by meeting: police and partner agencies
        /// (rows = meetings, row totals = cases discussed), children, and one
        /// list for each of its other columns (`MeetingReturn.columns` index → table).
        var meetings: Int?
        var children: Int?
        var lists: [(column: Int, table: Int)] = []
        /// Where the between-meetings tables start (issue 23), when published.
        var between: Int?
        /// Where the transfers table sits (issue 25), when published.
        var transfers: Int?
    }

    /// The data return's columns that add up to a count within cases heard, by that count's key.
    static let columnsOfParts: [(column: String, key: String)] = [
        ("repeat_cases", "repeat_cases"), ("racially_minoritised", "racially_minoritised"), ("lgbt", "lgbt"), ("disabled", "disabled"),
        ("male", "male"), ("aged_16_17", "aged_16_17"), ("perpetrators_17_or_under", "perpetrators_17_or_under"),
    ]

    var together: Together {
        let f = figures
        var t = Together()
        t.tables = [byMonth, bySource, byAge, byDistrict, routes, actions, escalated].map(\.suppressionTable)
        let referrals = 0, source = 1, age = 2, district = 3, routesIndex = 4, actionsIndex = 5, escalatedIndex = 6
        t.links = [.partOfColumn(part: escalatedIndex, whole: actionsIndex, column: 3)]
        var shared = [referrals, age, district]
        if (bySource.grandTotal * 2).rounded() == (byMonth.grandTotal * 2).rounded() { shared.append(source) }
        t.links.append(.sameTotal(shared))
        t.tables.append(Suppression.Table([[Double(f.repeatReferrals)]], totals: false))
        t.links.append(.eachWithinTotal(part: t.tables.count - 1, whole: referrals))
        var heard = routesIndex
        let routesAreHeard = (routes.grandTotal * 2).rounded() == Double(f.casesHeard * 2)
        if !routesAreHeard {
            t.tables.append(Suppression.Table([[Double(f.casesHeard)]]))
            heard = t.tables.count - 1
        }
        // The data return meeting by meeting: the police and partner columns
        // add up, meeting by meeting, to its cases discussed, and over the
        // period to the police route and to every other route.
        let column = { (key: String) in MeetingReturn.columns.firstIndex { $0.key == key } ?? 0 }
        if !perMeeting.isEmpty {
            let police = perMeeting[column("police_referrals")], partner = perMeeting[column("partner_agency_referrals")]
            var byMeeting = Suppression.Table(police.rows.indices.map { [police.rows[$0].values[0], partner.rows[$0].values[0]] }, halves: true)
            byMeeting.wholeRowTotals = true
            t.tables.append(byMeeting)
            let meetings = t.tables.count - 1
            t.meetings = meetings
            let policeRoute = routes.rows.firstIndex { $0.label == ReferralRoute.police.rawValue }
            let discussed = police.grandTotal + partner.grandTotal
            if discussed != Double(f.casesHeard) {
                // Not the period's cases heard (figures put together by hand): a table of its own.
            } else if routesAreHeard, let policeRoute, routes.rows[policeRoute].values[0] == police.grandTotal {
                t.links.append(.columnsAreRowsOf(table: meetings, list: routesIndex,
                                                 groups: [[policeRoute], routes.rows.indices.filter { $0 != policeRoute }]))
                heard = meetings
            } else {
                t.links.append(.sameTotal([heard, meetings]))
            }
            t.tables.append(perMeeting[column("children")].suppressionTable)
            t.children = t.tables.count - 1
        }
        let e = f.equality
        let counts: [(String, Int)] = [("repeat_cases", f.repeatCases), ("aged_16_17", e.aged16to17), ("perpetrators_17_or_under", e.perpetrators17OrUnder),
                                      ("shared_without_consent", f.sharedWithoutConsent), ("racially_minoritised", e.raciallyMinoritised),
                                      ("lgbt", e.lgbt), ("disabled", e.disabled), ("male", e.male)]
        let within = counts.filter { $0.1 <= f.casesHeard }
        t.partKeys = within.map(\.0)
        t.tables.append(Suppression.Table(within.map { [Double($0.1)] }, totals: false))
        t.parts = t.tables.count - 1
        t.links.append(.eachWithinTotal(part: t.parts, whole: heard))
        // Each other column of the data return adds up to its count.
        for (key, part) in Self.columnsOfParts where !perMeeting.isEmpty {
            let list = perMeeting[column(key)]
            t.tables.append(list.suppressionTable)
            t.lists.append((column(key), t.tables.count - 1))
            if let row = t.partKeys.firstIndex(of: part), Double(within[row].1) == list.grandTotal {
                t.links.append(.rowsAddUpTo(list: t.tables.count - 1, part: t.parts, row: row))
            }
        }
        // Incidents and Clare's Law requests: repeats found at referral are
        // part of the period's referrals; requests by route and by outcome share their total.
        if let between {
            t.between = t.tables.count
            t.links += between.links(base: t.tables.count, referrals: referrals)
            t.tables += between.tables.map(\.suppressionTable)
        }
        // Transfers in and out: a table of its own, its total published, tied to none.
        if let transfers {
            t.transfers = t.tables.count
            t.tables.append(transfers.suppressionTable)
        }
        return t
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
            if mostlyHidden(actions) || mostlyHidden(escalated), combineSmallAgencies() { coarsened = true }
            if !coarsened { return }
        }
        applyJointMasks()
    }

    /// Agencies with few actions combined into "other agencies" in the
    /// actions table and, row for row, in the escalated ones (each agency's
    /// escalated actions are part of its open overdue ones). False when
    /// nothing could be combined.
    mutating func combineSmallAgencies() -> Bool {
        let other = "other agencies"
        guard !actions.rows.contains(where: { $0.label == other }) else { return false }
        let after = Coarsening.smallIntoOther(actions.rows, threshold: threshold, other: other)
        guard after.count < actions.rows.count else { return false }
        let kept = Set(after.map(\.label))
        let combined = escalated.rows.filter { !kept.contains($0.label) }.reduce(0) { $0 + $1.values[0] }
        escalated.rows = escalated.rows.filter { kept.contains($0.label) } + [(other, [combined])]
        actions.rows = after
        return true
    }

    /// Every table rounded to `base`, totals on their own.
    mutating func roundTables(to base: Int) {
        for path in [\FiguresDocument.byMonth, \.bySource, \.byAge, \.byDistrict, \.routes, \.actions, \.escalated] {
            self[keyPath: path].round(to: base)
        }
        for i in perMeeting.indices { perMeeting[i].round(to: base) }
        between?.round(to: base)
        transfers?.round(to: base)
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
        let t = together
        let masks = Suppression.masks(t.tables, links: t.links, threshold: threshold)
        byMonth.mask = masks[0]
        bySource.mask = masks[1]
        byAge.mask = masks[2]
        byDistrict.mask = masks[3]
        routes.mask = masks[4]
        actions.mask = masks[5]
        escalated.mask = masks[6]
        var hidden = Set(t.partKeys.indices.filter { masks[t.parts].cells[$0][0] }.map { t.partKeys[$0] })
        if let meetings = t.meetings, let children = t.children {
            // Cases discussed are the meeting table's row totals; police and partner its cells.
            let m = masks[meetings], rows = perMeeting[0].rows.count
            let column = { (key: String) in MeetingReturn.columns.firstIndex { $0.key == key } ?? 0 }
            func list(_ cells: [Bool], _ total: Bool) -> Suppression.Mask {
                Suppression.Mask(cells: cells.map { [$0] }, rowTotals: cells, columnTotals: [total], grandTotal: total, withheld: m.withheld)
            }
            perMeeting[column("cases_discussed")].mask = list(m.rowTotals, m.grandTotal)
            perMeeting[column("police_referrals")].mask = list((0..<rows).map { m.cells[$0][0] }, m.columnTotals[0])
            perMeeting[column("partner_agency_referrals")].mask = list((0..<rows).map { m.cells[$0][1] }, m.columnTotals[1])
            perMeeting[column("children")].mask = masks[children]
            for (c, table) in t.lists { perMeeting[c].mask = masks[table] }
            if m.withheld || m.columnTotals.contains(true) { hidden.insert("partner_agency_referrals") }
            if masks[children].grandTotal { hidden.insert("children") }
        }
        hiddenCounts = hidden
        if let base = t.between { between?.setMasks(masks[base...]) }
        if let index = t.transfers { transfers?.mask = masks[index] }
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
