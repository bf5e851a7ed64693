/// Rounding to a base instead of hiding, for MARACs whose protocol uses it
/// (the Bromley strategy's tables: "any data under 5 has been rounded up to
/// 5"). `marac config set figures-rounding 5`. Every count is rounded on its
/// own, totals from the exact totals, so a total need not equal the sum of
/// its rounded parts (docs/figures.md says so, and so does every output).
public enum FiguresRounding {
    /// A count rounded to `base`: a zero stays zero (nobody), a count under
    /// the base reads the base, others go to the nearest multiple (halves up).
    public static func round(_ value: Double, base: Int) -> Double {
        guard value > 0, base > 1 else { return value }
        let b = Double(base)
        if value < b { return b }
        return (value / b).rounded(.toNearestOrAwayFromZero) * b
    }

    public static func round(_ value: Int, base: Int) -> Int { Int(round(Double(value), base: base)) }
}

extension Figures {
    /// The same figures with every count rounded to `base`, so that rates
    /// drawn from them (coverage, repeat rate, change on the year) give no
    /// exact count away.
    public func rounded(to base: Int) -> Figures {
        func r(_ n: Int) -> Int { FiguresRounding.round(n, base: base) }
        func r(_ x: Double) -> Double { FiguresRounding.round(x, base: base) }
        var f = self
        f.byRisk = BandCounts(high: r(byRisk.high), medium: r(byRisk.medium), standard: r(byRisk.standard), notCompleted: r(byRisk.notCompleted))
        f.byMonth = byMonth.map { ($0.month, BandCounts(high: r($0.counts.high), medium: r($0.counts.medium),
                                                        standard: r($0.counts.standard), notCompleted: r($0.counts.notCompleted))) }
        f.bySource = bySource.mapValues(r)
        f.byAgeBand = byAgeBand.mapValues(r)
        f.byDistrict = byDistrict.map { ($0.district, r($0.count)) }
        f.repeatReferrals = r(repeatReferrals)
        f.repeatVictims = r(repeatVictims)
        f.casesHeard = r(casesHeard)
        f.repeatCases = r(repeatCases)
        f.childrenInHouseholds = r(childrenInHouseholds)
        f.routes = routes.mapValues(r)
        let e = equality
        f.equality = Equality(raciallyMinoritised: r(e.raciallyMinoritised), lgbt: r(e.lgbt), disabled: r(e.disabled), male: r(e.male),
                              aged16to17: r(e.aged16to17), perpetrators17OrUnder: r(e.perpetrators17OrUnder))
        f.sharedWithoutConsent = r(sharedWithoutConsent)
        f.casesHeardYearBefore = r(casesHeardYearBefore)
        f.referralsYearBefore = r(referralsYearBefore)
        f.trend = trend.map { QuarterPoint(quarter: $0.quarter, period: $0.period, casesHeard: r($0.casesHeard)) }
        f.actions = actions.map { a in
            ActionPerformance(agency: a.agency, agreed: r(a.agreed), completedOnTime: r(a.completedOnTime), completedLate: r(a.completedLate),
                              incomplete: r(a.incomplete), openOverdue: r(a.openOverdue), openNotDue: r(a.openNotDue), escalated: r(a.escalated))
        }
        return f
    }
}
