import MaracCore

/// What happens between meetings (issue 23) as tables published with the
/// period's figures, so protected with them in one problem
/// (FiguresDisclosure.swift): incidents by agency (repeat or not) and by abuse
/// type, repeats found at referral, referrals by abuse type (and the quarter
/// before, for the change), Clare's Law requests by route and by outcome.
/// Shares, changes and the median days to disclosure are worked out from the
/// counts as printed: withheld where a count behind them is hidden.
public struct BetweenMeetingsTables {
    public let figures: BetweenMeetingsFigures
    /// Agencies × (found a repeat, not a repeat): row totals each agency's
    /// incidents, column totals the repeats found from incidents and the rest,
    /// grand total the period's incidents.
    public var incidentsByAgency: FigureTable
    /// An incident of two types counts under each: its total is of mentions.
    public var incidentsByType: FigureTable
    /// Referrals that are repeats found at referral (not made from an
    /// incident): part of the period's referrals.
    public var repeatsAtReferral: FigureTable
    public var referralsByType: FigureTable
    /// The calendar quarter before, when the period is a quarter.
    public var referralsByTypeBefore: FigureTable?
    public var requestsByRoute: FigureTable
    /// Every request once: disclosed within 28 days, after 28 days, to be
    /// disclosed, not to disclose, undecided. Its total is the requests'.
    public var requestsByOutcome: FigureTable

    /// The outcome table's rows, in order.
    public static let outcomes = ["disclosed within 28 days", "disclosed after 28 days", "to disclose, not yet disclosed",
                                  "not to disclose", DisclosureFigures.undecided]

    init(_ b: BetweenMeetingsFigures, threshold: Int) {
        figures = b
        let f = b.incidents
        func list(_ id: String, _ title: String, _ header: String, _ column: String, _ rows: [(String, Int)]) -> FigureTable {
            FigureTable(id: id, title: title, rowHeader: header, columns: [column], rows: rows.map { ($0.0, [Double($0.1)]) },
                        totals: true, suppress: false, threshold: threshold)
        }
        incidentsByAgency = FigureTable(id: "incidents_by_agency", title: "Incidents between meetings by agency: repeats found and others",
                                        rowHeader: "agency", columns: ["repeat", "not a repeat"],
                                        rows: f.byAgency.map { ($0.agency, [Double($0.repeats), Double($0.others)]) },
                                        totals: true, suppress: false, threshold: threshold)
        var mentions: [AbuseType: Int] = [:]
        for c in f.byTypeAndAgency { mentions[c.type, default: 0] += c.count }
        incidentsByType = list("incidents_by_abuse_type", "Incidents by abuse type (an incident of two types counts under each)", "type",
                               "incidents", AbuseType.allCases.map { ($0.rawValue, mentions[$0] ?? 0) })
        repeatsAtReferral = FigureTable(id: "repeats_found_at_referral", title: "Repeat referrals found at referral (not from an incident)",
                                        rowHeader: "found", columns: ["referrals"], rows: [("at referral", [Double(f.repeatsAtReferral)])],
                                        totals: false, suppress: false, threshold: threshold)
        referralsByType = list("referrals_by_abuse_type", "Referrals by abuse type (a referral of two types counts under each)", "type",
                               "referrals", f.referralsByType.map { ($0.type.rawValue, $0.count) })
        let before = f.referralsByType.compactMap { t in t.before.map { (t.type.rawValue, $0) } }
        referralsByTypeBefore = before.count == f.referralsByType.count && !before.isEmpty
            ? list("referrals_by_abuse_type_quarter_before", "Referrals by abuse type, the quarter before", "type", "referrals", before) : nil
        let d = b.disclosures
        requestsByRoute = list("clares_law_by_route", "Clare's Law requests by route", "route", "requests",
                               DisclosureRoute.allCases.map { ($0.rawValue, d.byRoute[$0.rawValue] ?? 0) })
        let disclosed = d.daysToDisclosure.count, late = d.disclosedOver28
        let toDisclose = max(0, (d.byDecision[DisclosureDecision.disclose.rawValue] ?? 0) - disclosed)
        requestsByOutcome = list("clares_law_by_outcome", "Clare's Law requests by outcome (28 days from the request)", "outcome", "requests",
                                 zip(Self.outcomes, [disclosed - late, late, toDisclose,
                                                     d.byDecision[DisclosureDecision.notDisclose.rawValue] ?? 0,
                                                     d.byDecision[DisclosureFigures.undecided] ?? 0]).map { ($0.0, $0.1) })
    }

    public var tables: [FigureTable] {
        [incidentsByAgency, incidentsByType, repeatsAtReferral, referralsByType] + (referralsByTypeBefore.map { [$0] } ?? [])
            + [requestsByRoute, requestsByOutcome]
    }

    /// How the tables are tied, given where they start among the tables
    /// published together and which table is the period's referrals.
    func links(base: Int, referrals: Int) -> [Suppression.Link] {
        let route = base + tables.count - 2
        return [.eachWithinTotal(part: base + 2, whole: referrals), .sameTotal([route, route + 1])]
    }

    mutating func setMasks(_ masks: ArraySlice<Suppression.Mask>) {
        var m = Array(masks)
        incidentsByAgency.mask = m.removeFirst()
        incidentsByType.mask = m.removeFirst()
        repeatsAtReferral.mask = m.removeFirst()
        referralsByType.mask = m.removeFirst()
        if referralsByTypeBefore != nil { referralsByTypeBefore?.mask = m.removeFirst() }
        requestsByRoute.mask = m.removeFirst()
        requestsByOutcome.mask = m.removeFirst()
    }

    mutating func round(to base: Int) {
        incidentsByAgency.round(to: base)
        incidentsByType.round(to: base)
        repeatsAtReferral.round(to: base)
        referralsByType.round(to: base)
        referralsByTypeBefore?.round(to: base)
        requestsByRoute.round(to: base)
        requestsByOutcome.round(to: base)
    }

    /// A count's share of its table's total, withheld when the count, the
    /// rest or the total is hidden (so the share cannot give one away).
    static func share(_ table: FigureTable, row: Int) -> Double? {
        let total = table.grandTotalValue, cell = table.cell(row, 0)
        guard total.value > 0, !total.hidden, !cell.hidden else { return nil }
        return Coverage.round4(cell.value / total.value)
    }

    /// Abuse type by abuse type: count, share of mentions, the quarter
    /// before's count, and the change on it (0.357: a 35.7% increase);
    /// nil where a count behind it is hidden or there is nothing to compare.
    public var referralsByTypeRows: [(type: AbuseType, count: FigureValue, share: Double?, before: FigureValue?, change: Double?)] {
        referralsByType.rows.indices.compactMap { i in
            guard let type = AbuseType(rawValue: referralsByType.rows[i].label) else { return nil }
            let now = referralsByType.cell(i, 0)
            let before = referralsByTypeBefore.flatMap { $0.rows.indices.contains(i) ? $0.cell(i, 0) : nil }
            var change: Double?
            if let before, !before.hidden, !now.hidden, before.value > 0 {
                change = Coverage.round4((now.value - before.value) / before.value)
            }
            return (type, now, Self.share(referralsByType, row: i), before, change)
        }
    }

    /// The median days from request to disclosure, withheld when the
    /// disclosures it is taken over are too few to show or hidden.
    public var medianDaysToDisclosure: Double? {
        let d = figures.disclosures, t = requestsByOutcome
        if t.mask != nil, t.cell(0, 0).hidden || t.cell(1, 0).hidden || Suppression.isPrimary(d.daysToDisclosure.count, threshold: t.threshold) {
            return nil
        }
        if let base = t.rounding, d.daysToDisclosure.count < base { return nil }
        return d.medianDaysToDisclosure
    }

    public var json: [(String, JSON)] {
        let a = incidentsByAgency
        func list(_ t: FigureTable) -> JSON { .object(t.rows.indices.map { (t.rows[$0].label, t.cell($0, 0).json) }) }
        return [
            ("incidents", .object([
                ("total", a.grandTotalValue.json),
                ("repeats_found_from_incidents", a.columns.isEmpty ? .int(0) : a.columnTotalValue(0).json),
                ("repeats_found_at_referral", repeatsAtReferral.cell(0, 0).json),
                ("by_agency", .array(a.rows.indices.map { i in
                    .object([("agency", .string(a.rows[i].label)), ("repeat", a.cell(i, 0).json), ("not_a_repeat", a.cell(i, 1).json),
                             ("total", a.rowTotalValue(i).json)])
                })),
                ("by_abuse_type", list(incidentsByType)),
            ])),
            ("referrals_by_abuse_type", .array(referralsByTypeRows.map { r in
                .object([("type", .string(r.type.rawValue)), ("count", r.count.json), ("share", .optional(r.share)),
                         ("previous_quarter", r.before?.json ?? .null), ("change", .optional(r.change))])
            })),
            ("clares_law", .object([
                ("requests", requestsByRoute.grandTotalValue.json),
                ("by_route", list(requestsByRoute)),
                ("by_outcome", list(requestsByOutcome)),
                ("disclosed_over_28_days", requestsByOutcome.cell(1, 0).json),
                ("median_days_to_disclosure", .optional(medianDaysToDisclosure)),
            ])),
        ]
    }
}
