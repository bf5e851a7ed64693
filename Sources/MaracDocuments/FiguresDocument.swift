import MaracCore

/// The figures for one period, laid out as the steering group reads them, with
/// suppression applied once. The JSON keeps contracts.md's keys exactly.
public struct FiguresDocument {
    public let figures: Figures
    public let suppress: Bool
    /// Counts under this are hidden (a setting, 5 by default).
    public let threshold: Int
    /// Figures that leave the MARAC are rounded to this base instead of
    /// suppressed (`figures-rounding`; nil: suppression).
    public let rounding: Int?
    public var byMonth: FigureTable
    public var bySource: FigureTable
    public var byAge: FigureTable
    public var byDistrict: FigureTable
    public var routes: FigureTable
    public var actions: FigureTable
    /// Open actions escalated to the chair, by agency (a subset of open overdue, so a table of its own).
    public var escalated: FigureTable
    /// The data return meeting by meeting: one table a column of the form
    /// (`MeetingReturn.columns`), rows = meetings held; protected with the
    /// other tables, since its columns add up to the period's counts.
    public var perMeeting: [FigureTable]
    /// The period's counts within cases heard (repeat cases, the equality
    /// counts…) that the joint problem hides beyond the small ones, by key.
    public internal(set) var hiddenCounts: Set<String> = []
    /// Cases heard is hidden: under the threshold, or hidden as the total of
    /// the referral routes table it equals.
    public private(set) var casesHeardHidden = false
    /// Incidents and Clare's Law requests (issue 23), when read: protected with the rest.
    public internal(set) var between: BetweenMeetingsTables?
    /// Transfers in and out per quarter (issue 25), when read: protected with the rest.
    public internal(set) var transfers: FigureTable?

    public init(_ f: Figures, suppress: Bool, threshold: Int = Suppression.defaultThreshold, rounding: Int? = nil,
                between: BetweenMeetingsFigures? = nil, transfers: [(quarter: Quarter, out: Int, in: Int)]? = nil) {
        let rounding = suppress ? rounding.flatMap { $0 > 1 ? $0 : nil } : nil
        // Scalars and rates come from rounded counts; the tables round their own totals from exact ones.
        figures = rounding.map { f.rounded(to: $0) } ?? f
        self.suppress = suppress
        self.threshold = threshold
        self.rounding = rounding
        let bandTitles = ["high", "medium", "standard", "not completed"]
        byMonth = FigureTable(id: "referrals_by_month", title: "Referrals by month and risk band", rowHeader: "month",
                              columns: bandTitles, rows: f.byMonth.map { ($0.month, $0.counts.values.map(Double.init)) },
                              totals: true, suppress: false, threshold: threshold)
        bySource = FigureTable(id: "referrals_by_source", title: "Referrals by source (joint referrals 0.5 each)", rowHeader: "source",
                               columns: ["referrals"], rows: ReferralRoute.allCases.map { ($0.rawValue, [f.bySource[$0.rawValue] ?? 0]) },
                               totals: true, suppress: false, halves: true, threshold: threshold)
        byAge = FigureTable(id: "referrals_by_victim_age", title: "Referrals by victim's age", rowHeader: "age",
                            columns: ["referrals"], rows: AgeBand.allCases.map { ($0.label, [Double(f.byAgeBand[$0] ?? 0)]) },
                            totals: true, suppress: false, threshold: threshold)
        byDistrict = FigureTable(id: "referrals_by_postcode_district", title: "Referrals by postcode district", rowHeader: "district",
                                 columns: ["referrals"], rows: f.byDistrict.map { ($0.district, [Double($0.count)]) },
                                 totals: true, suppress: false, threshold: threshold)
        routes = FigureTable(id: "referral_routes", title: "Cases heard by referral route (joint referrals 0.5 each)", rowHeader: "route",
                             columns: ["cases"], rows: ReferralRoute.allCases.map { ($0.rawValue, [f.routes[$0.rawValue] ?? 0]) },
                             totals: true, suppress: false, halves: true, threshold: threshold)
        actions = FigureTable(id: "actions_by_agency", title: "Actions agreed at meetings in the period, by agency", rowHeader: "agency",
                              columns: ["done on time", "done late", "incomplete", "open overdue", "open not due"],
                              rows: f.actions.map { a in (a.agency, [a.completedOnTime, a.completedLate, a.incomplete, a.openOverdue, a.openNotDue].map(Double.init)) },
                              totals: true, suppress: false, threshold: threshold)
        escalated = FigureTable(id: "actions_escalated_by_agency",
                                title: "Actions escalated to the chair (\(f.escalationDays)+ days overdue), by agency", rowHeader: "agency",
                                columns: ["escalated"], rows: f.actions.map { ($0.agency, [Double($0.escalated)]) },
                                totals: true, suppress: false, threshold: threshold)
        perMeeting = f.byMeeting.isEmpty ? [] : MeetingReturn.columns.enumerated().map { c, column in
            FigureTable(id: "data_return_" + column.key, title: column.label, rowHeader: "meeting", columns: [column.key],
                        rows: f.byMeeting.map { ($0.heldOn.description, [$0.counts[c]]) },
                        totals: true, suppress: false, halves: column.halves, threshold: threshold)
        }
        self.between = between.map { BetweenMeetingsTables($0, threshold: threshold) }
        self.transfers = transfers.map { FigureTable.transfers($0, threshold: threshold) }
        // Every table of the output protected together, or rounded (FiguresDisclosure.swift).
        if let rounding { roundTables(to: rounding) } else if suppress { protectTogether() }
        let heard = f.casesHeard
        casesHeardHidden = suppress && rounding == nil && (Suppression.isPrimary(heard, threshold: threshold)
            || (routes.grandTotal == Double(heard) && routes.mask?.grandTotal == true))
    }

    public var tables: [FigureTable] { [byMonth, bySource, byAge, byDistrict, routes, actions, escalated] + (between?.tables ?? [])
        + (transfers.map { [$0] } ?? []) }

    public func count(_ n: Int) -> FigureValue {
        FigureValue(Double(n), hidden: suppress && rounding == nil && Suppression.isPrimary(n, threshold: threshold), label: "<\(threshold)")
    }

    /// A count the data return's columns add up to: hidden when small, or
    /// when the joint problem hid it to protect a meeting's count.
    public func count(_ n: Int, key: String) -> FigureValue {
        var value = count(n)
        if hiddenCounts.contains(key), !value.hidden { value = FigureValue(Double(n), hidden: true, label: "[c]") }
        return value
    }

    /// Cases heard: hidden with the routes table's total when that is hidden.
    public var casesHeardValue: FigureValue {
        FigureValue(Double(figures.casesHeard), hidden: casesHeardHidden, label: Suppression.label(Double(figures.casesHeard), threshold: threshold))
    }

    /// A quarter of the trend: hidden as well when cases heard is hidden and
    /// the quarter lies within the period (its counts would add up to it).
    public func trendValue(_ point: QuarterPoint) -> FigureValue {
        var value = count(point.casesHeard)
        if casesHeardHidden, !value.hidden, point.casesHeard > 0,
           point.period.from <= figures.period.to, point.period.to >= figures.period.from {
            value = FigureValue(Double(point.casesHeard), hidden: true, label: "[c]")
        }
        return value
    }

    public func isHidden(_ n: Int) -> Bool { Suppression.isPrimary(n, threshold: threshold) }
    public func isHidden(_ x: Double) -> Bool { Suppression.isPrimary(x, threshold: threshold) }

    /// A share of cases heard, withheld where it would reveal a hidden count:
    /// when the part, the rest or the whole is under the threshold, or the
    /// whole is hidden.
    public func share(_ part: Int, of whole: Int, key: String? = nil) -> Double? {
        guard whole > 0 else { return nil }
        if suppress, rounding == nil, let key, hiddenCounts.contains(key) { return nil }
        if suppress, rounding == nil, isHidden(part) || isHidden(whole - part) || isHidden(whole) || (whole == figures.casesHeard && casesHeardHidden) { return nil }
        return Coverage.round4(Double(part) / Double(whole))
    }

    /// Scalar figures of the SafeLives data return, each with its comparators.
    public var dataReturn: [(key: String, label: String, value: JSON, national: JSON, recommended: JSON)] {
        let f = figures
        let heard = f.casesHeard
        let e = f.equality
        func rate(_ value: Double?) -> JSON { .optional(value) }
        return [
            ("cases_heard", "Cases heard", casesHeardValue.json, .int(NationalFigures.casesHeard), .optional(f.recommendedCases)),
            ("cases_heard_year_before", "Cases heard, same period a year before", count(f.casesHeardYearBefore).json, .null, .null),
            ("year_on_year_change", "Change on the year before", suppress && (casesHeardHidden || isHidden(f.casesHeardYearBefore)) ? .null : rate(f.yearOnYearChange), .null, .null),
            ("repeat_cases", "Repeat cases", count(f.repeatCases, key: "repeat_cases").json, .null, .null),
            ("repeat_rate", "Repeat rate", rate(share(f.repeatCases, of: heard, key: "repeat_cases")), .number(NationalFigures.repeatRate), .null),
            ("children_in_households", "Children in the households", count(f.childrenInHouseholds, key: "children").json, .int(NationalFigures.children), .null),
            ("cases_per_10k_adult_women", "Cases per 10,000 adult women (annual)", casesHeardHidden ? .null : rate(f.casesPer10kAdultWomen),
             .number(NationalFigures.casesPer10k), .number(Coverage.recommendedPer10k)),
            ("coverage", "Coverage (cases heard ÷ recommended)", casesHeardHidden ? .null : rate(f.coverage), .null, .number(1)),
            ("partner_agency_rate", "Referred by agencies other than the police", rate(shareOfRoutes()), .number(NationalFigures.partnerAgencyRate), .null),
            ("racially_minoritised_rate", "Victims racially minoritised", rate(share(e.raciallyMinoritised, of: heard, key: "racially_minoritised")), .number(NationalFigures.raciallyMinoritisedRate), .null),
            ("lgbt_rate", "Victims LGBT+", rate(share(e.lgbt, of: heard, key: "lgbt")), .number(NationalFigures.lgbtRate), .null),
            ("disabled_rate", "Victims disabled", rate(share(e.disabled, of: heard, key: "disabled")), .number(NationalFigures.disabledRate), .null),
            ("male_rate", "Victims male", rate(share(e.male, of: heard, key: "male")), .number(NationalFigures.maleRate), .null),
            ("aged_16_17", "Victims aged 16–17", count(e.aged16to17, key: "aged_16_17").json, .null, .null),
            ("aged_16_17_rate", "Victims aged 16–17, share", rate(share(e.aged16to17, of: heard, key: "aged_16_17")), .number(NationalFigures.aged16to17Rate), .null),
            ("perpetrators_17_or_under", "Perpetrators aged 17 or under", count(e.perpetrators17OrUnder, key: "perpetrators_17_or_under").json, .null, .null),
            // Cases heard whose victim's consent was not given or not sought (each with its reason and lawful basis on record).
            ("shared_without_consent", "Cases shared without consent", count(f.sharedWithoutConsent, key: "shared_without_consent").json, .null, .null),
        ]
    }

    private func shareOfRoutes() -> Double? {
        let f = figures
        guard f.casesHeard > 0 else { return nil }
        let partner = f.partnerAgencyCases
        if suppress, rounding == nil, isHidden(partner) || isHidden(Double(f.casesHeard) - partner) || casesHeardHidden
            || hiddenCounts.contains("partner_agency_referrals") { return nil }
        return Coverage.round4(partner / Double(f.casesHeard))
    }

    // MARK: JSON

    public func json() -> JSON {
        let f = figures
        let bandKeys = BandCounts.keys
        func row(_ table: FigureTable, _ i: Int) -> [(String, JSON)] {
            table.columns.indices.map { (bandKeys[$0], table.cell(i, $0).json) }
        }
        let byRisk: [(String, JSON)] = byMonth.columns.indices.map { (bandKeys[$0], byMonth.columnTotalValue($0).json) }
        func list(_ table: FigureTable) -> JSON {
            .object(table.rows.indices.map { i in
                var value = table.cell(i, 0)
                value.isFractional = table.id == "referral_routes" || table.id == "referrals_by_source"
                return (table.rows[i].label, value.json)
            })
        }
        let marac: [(String, JSON)] = [
            ("cases_heard", casesHeardValue.json),
            ("repeat_cases", count(f.repeatCases, key: "repeat_cases").json),
            ("repeat_rate", .optional(share(f.repeatCases, of: f.casesHeard, key: "repeat_cases"))),
            ("children_in_households", count(f.childrenInHouseholds, key: "children").json),
            ("recommended_cases", .optional(f.recommendedCases)),
            ("coverage", casesHeardHidden ? .null : .optional(f.coverage)),
            ("cases_per_10k_adult_women", casesHeardHidden ? .null : .optional(f.casesPer10kAdultWomen)),
            ("adult_female_population", .optional(f.population)),
            ("years", .number(Coverage.round4(f.years))),
        ] + dataReturn.filter { !["cases_heard", "repeat_cases", "repeat_rate", "children_in_households", "coverage", "cases_per_10k_adult_women"].contains($0.key) }
            .map { ($0.key, $0.value) }
        let fields: [(String, JSON)] = [
            ("period", .object([("from", .string(f.period.from.description)), ("to", .string(f.period.to.description))])),
            ("suppressed", .bool(suppress)),
            ("rounded_to", rounding.map { .int($0) } ?? .null),
            ("referrals", .object([
                ("total", byMonth.grandTotalValue.json),
                ("by_risk", .object(byRisk)),
                ("by_month", .array(byMonth.rows.indices.map { i in .object([("month", .string(byMonth.rows[i].label))] + row(byMonth, i)) })),
                ("by_source", list(bySource)),
                ("by_victim_age", list(byAge)),
                ("by_postcode_district", list(byDistrict)),
                ("repeat_referrals", count(f.repeatReferrals).json),
                ("repeat_victims", count(f.repeatVictims).json),
                ("total_year_before", count(f.referralsYearBefore).json),
            ])),
            ("marac", .object(marac)),
            ("referral_routes", list(routes)),
            ("comparators", .object([
                ("recommended_cases_per_10k_adult_women_per_year", .number(Coverage.recommendedPer10k)),
                ("national", .object(dataReturn.filter { $0.national.isPresent }.map { ($0.key, $0.national) }
                                     + [("as_of", .string(NationalFigures.asOf))])),
                ("year_before", .object([
                    ("period", .object([("from", .string(f.period.yearBefore.from.description)), ("to", .string(f.period.yearBefore.to.description))])),
                    ("cases_heard", count(f.casesHeardYearBefore).json),
                    ("referrals", count(f.referralsYearBefore).json),
                ])),
            ])),
            ("trend", .array(f.trend.map { q in
                .object([("quarter", .string(q.quarter)), ("cases_heard", trendValue(q).json),
                         ("recommended_cases", .optional(f.population.map { Coverage.round2(Coverage.recommendedCases(population: $0, years: 0.25)) }))])
            })),
            ("actions", .array(actions.rows.indices.map { i in
                .object([("agency", .string(actions.rows[i].label)), ("agreed", actions.rowTotalValue(i).json)]
                        + zip(["completed_on_time", "completed_late", "incomplete", "open_overdue", "open_not_due"], actions.columns.indices)
                            .map { ($0, actions.cell(i, $1).json) }
                        + [("escalated", escalated.cell(i, 0).json)])
            })),
            ("actions_escalated_by_agency", list(escalated)),
            ("escalation_days", .int(f.escalationDays)),
        ]
        // Issue 23's tables, protected with the rest.
        return .object(fields + (between?.json ?? []) + (transfers?.transfersJSON ?? []))
    }
}

extension JSON {
    public var isPresent: Bool { if case .null = self { return false } else { return true } }
}
