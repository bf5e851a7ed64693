import Foundation
import GRDB
import MaracCore

/// The steering group's figures, computed by SQL aggregates over indexes:
/// never by loading referrals into memory. Counts only; no identities, and
/// postcodes no finer than the district.
public struct FiguresService: Sendable {
    package let today: Day

    package init(today: Day) { self.today = today }

    /// Distinct repeat victims counted in a hash set up to this many (about
    /// 4 MB); past it SQLite counts them (`victimsTrendAndActions`).
    static let victimsInMemory = 200_000

    /// Age in whole years at the referral (or hearing) date, in SQL.
    static func age(dob: String, on day: String) -> String {
        "(CAST(substr(\(day), 1, 4) AS INTEGER) - CAST(substr(\(dob), 1, 4) AS INTEGER) - (substr(\(day), 6, 5) < substr(\(dob), 6, 5)))"
    }

    package func figures(_ db: Database, _ period: FiguresPeriod, population: Int?) throws -> Figures {
        var f = Figures(period: period, population: population)
        try receivedAndHeard(db, &f)
        // The cases heard of the period are known by day already: the trend's
        // quarters inside it, and the year before where the trend covers it,
        // are added up from them rather than counted again.
        try victimsTrendAndActions(db, &f, heardDays: f.byMeeting)
        return f
    }

    /// A period's figures. Figures already read for this period, population
    /// and day over the same audit chain head are given again (`FiguresMemo`).
    package func figures(_ writer: any DatabaseWriter, _ period: FiguresPeriod, population: Int?) throws -> Figures {
        let (key, chain) = try writer.read { db in (FiguresMemo.key(db, period, population: population, today: today), try AuditedKey.chain(db)) }
        if let known = FiguresMemo.memo.value(key, chain: chain) { return known }
        let (read, readChain) = try readFigures(writer, period, population: population)
        // Remembered under the chain head they were read at (never a later one).
        FiguresMemo.memo.remember(key, chain: readChain, read)
        return read
    }

    /// One connection, one read transaction (issue 21): the figures once read
    /// two halves on two connections at once, which beat the sqlite3 shell only
    /// with two idle cores; on one connection no count is made twice
    /// (`victimsTrendAndActions` adds up what the first pass already read), so one core does
    /// less work than the two halves did together (docs/benchmarks.md).
    /// Returns the audit chain head they were read at.
    private func readFigures(_ writer: any DatabaseWriter, _ period: FiguresPeriod, population: Int?) throws -> (Figures, String) {
        try writer.read { db in (try figures(db, period, population: population), try AuditedKey.chain(db)) }
    }

    /// Referrals received (month × band, source, repeats) and cases heard
    /// (by route, who the victims were, shared without consent).
    private func receivedAndHeard(_ db: Database, _ f: inout Figures) throws {
        let period = f.period
        let range: StatementArguments = [period.from.description, period.to.description]
        // Referrals received: one scan of the covering index gives month × band,
        // source and repeats together. Grouped by day in the index's own column
        // order, so SQLite groups as it walks (no temporary B-tree); the month is
        // the day's first seven characters, taken here (a few hundred rows a month).
        var months: [String: BandCounts] = Dictionary(uniqueKeysWithValues: period.months.map { ($0, BandCounts()) })
        for route in ReferralRoute.allCases { f.bySource[route.rawValue] = 0; f.routes[route.rawValue] = 0 }
        let received = try Row.fetchCursor(db, sql: """
            SELECT referred_on, risk_band, referring_agency, second_agency, is_repeat, COUNT(*) AS n
            FROM referral WHERE referred_on BETWEEN ? AND ?
            GROUP BY referred_on, risk_band, referring_agency, second_agency, is_repeat
            """, arguments: range)
        // Tens of thousands of groups a year at 1M: the rows come by day, then
        // band, so the month and the band are looked up only when they change,
        // and a month's counts are added to `months` once (issue 21).
        var day = "", month = "", band = "", risk: RiskBand? = nil
        var thisMonth = BandCounts()
        while let row = try received.next() {
            let rowDay: String = row[0], n: Int = row[5]
            if rowDay != day {
                day = rowDay
                if !day.hasPrefix(month) || month.isEmpty {
                    if !month.isEmpty { months[month, default: BandCounts()].add(thisMonth); f.byRisk.add(thisMonth) }
                    month = String(day.prefix(7))
                    thisMonth = BandCounts()
                }
            }
            let rowBand: String = row[1]
            if rowBand != band { band = rowBand; risk = RiskBand(rawValue: band) }
            thisMonth.add(risk, n)
            FiguresService.addRoute(row[2], row[3], Double(n), into: &f.bySource)
            if row[4] as Bool { f.repeatReferrals += n }
        }
        if !month.isEmpty { months[month, default: BandCounts()].add(thisMonth); f.byRisk.add(thisMonth) }
        f.byMonth = period.months.map { ($0, months[$0, default: BandCounts()]) }
        // Cases heard (covering partial index referral_by_heard_on), by route,
        // with who the victims and perpetrators were at referral, in one pass.
        // Grouped by the index's leading columns in order (day, repeat, children,
        // route), so SQLite groups as it walks instead of sorting every case;
        // the groups (a few thousand a year) are added up by route here.
        let heard = try Row.fetchCursor(db, sql: """
            SELECT heard_on, referring_agency, second_agency, COUNT(*) AS cases, SUM(is_repeat) AS repeats,
                   SUM(children_in_household) AS children,
                   SUM(victim_ethnicity NOT IN ('white', 'unknown')) AS minoritised,
                   SUM(victim_lgbt = 'yes') AS lgbt, SUM(victim_disability = 'yes') AS disabled, SUM(victim_gender = 'male') AS male,
                   SUM(COALESCE(victim_age BETWEEN 16 AND 17, 0)) AS aged16to17,
                   SUM(COALESCE(perpetrator_age <= 17, 0)) AS young_perpetrators
            FROM referral WHERE heard_on BETWEEN ? AND ?
            GROUP BY heard_on, is_repeat, children_in_household, referring_agency, second_agency
            """, arguments: range)
        // The same pass gives the data return's line per meeting: the groups
        // come day by day, so each day's line is added up as they pass.
        var meetings = try MeetingDays.held(db, range)
        while let row = try heard.next() {
            let group = HeardGroup(row)
            let cases = group.cases
            FiguresService.addRoute(group.agency, group.secondAgency, Double(cases), into: &f.routes)
            f.casesHeard += cases
            f.repeatCases += group.repeats
            f.childrenInHouseholds += group.children
            f.equality.raciallyMinoritised += group.minoritised
            f.equality.lgbt += group.lgbt
            f.equality.disabled += group.disabled
            f.equality.male += group.male
            f.equality.aged16to17 += group.aged16to17
            f.equality.perpetrators17OrUnder += group.youngPerpetrators
            try MeetingDays.add(group, to: &meetings)
        }
        f.byMeeting = meetings.values.sorted { $0.heldOn < $1.heldOn }

        // Shared without consent: the partial index referral_heard_without_consent (its
        // condition written exactly as here, so SQLite uses it).
        f.sharedWithoutConsent = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM referral WHERE heard_on BETWEEN ? AND ? AND heard_on IS NOT NULL AND consent IN ('not_given', 'not_sought')
            """, arguments: range) ?? 0

    }

    /// Repeat victims, ages and districts, the year before, the 8-quarter
    /// trend and the actions.
    /// `heardDays`: the period's cases heard day by day, as `receivedAndHeard` read them.
    private func victimsTrendAndActions(_ db: Database, _ f: inout Figures, heardDays: [MeetingReturn]) throws {
        let period = f.period
        let range: StatementArguments = [period.from.description, period.to.description]
        // Distinct victims of the period's repeat referrals, counted in a hash set
        // here: SQLite's COUNT(DISTINCT) sorts them into a temporary B-tree, about
        // twice the cost of the covering index's range read itself (issue 21).
        // A long period with more than `FiguresService.victimsInMemory` of them
        // is counted by SQLite after all, so memory stays bounded (a few MB).
        var victims = Set<Int64>()
        let repeats = try Int64.fetchCursor(db, sql: """
            SELECT victim_id FROM referral WHERE referred_on BETWEEN ? AND ? AND is_repeat = 1
            """, arguments: range)
        while let victim = try repeats.next(), victims.count <= FiguresService.victimsInMemory { victims.insert(victim) }
        if victims.count <= FiguresService.victimsInMemory {
            f.repeatVictims = victims.count
        } else {
            victims = []
            f.repeatVictims = try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT victim_id) FROM referral WHERE referred_on BETWEEN ? AND ? AND is_repeat = 1
                """, arguments: range) ?? 0
        }

        // Victims' ages and districts as recorded at referral (covering index).
        for band in AgeBand.allCases { f.byAgeBand[band] = 0 }
        var districts: [String: Int] = [:]
        for group in try AgeDistrictCounts.read(db, range) {
            f.byAgeBand[AgeBand(age: group.age), default: 0] += group.count
            districts[group.district ?? "unknown", default: 0] += group.count
        }
        f.byDistrict = districts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(200).map { ($0.key, $0.value) }

        let before = period.yearBefore
        f.trend = try trend(db, endingWith: period.to, within: period, heardDays: heardDays)
        // The year before of a quarter or a calendar year is whole quarters of the trend.
        let covering = f.trend.filter { $0.period.from >= before.from && $0.period.to <= before.to }
        if covering.first?.period.from == before.from, covering.last?.period.to == before.to {
            f.casesHeardYearBefore = covering.reduce(0) { $0 + $1.casesHeard }
        } else {
            f.casesHeardYearBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral WHERE heard_on BETWEEN ? AND ?",
                                                      arguments: [before.from.description, before.to.description]) ?? 0
        }
        f.referralsYearBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral WHERE referred_on BETWEEN ? AND ?",
                                                 arguments: [before.from.description, before.to.description]) ?? 0

        let chase = try ChaseService.rules(db)
        f.escalationDays = chase.escalationDays
        f.actions = try actionPerformance(db, range: range, escalatedOnOrBefore: chase.escalationCutoff(today: today))
    }

    /// A case counts to its referring agency, a joint referral 0.5 to each.
    static func addRoute(_ agency: String, _ second: String?, _ n: Double, into routes: inout [String: Double]) {
        if let second {
            routes[agency, default: 0] += n / 2
            routes[second, default: 0] += n / 2
        } else {
            routes[agency, default: 0] += n
        }
    }

    /// Cases heard in the 8 quarters up to and including the one `end` falls
    /// in: one index range count each (referral_by_heard_on).
    /// A quarter inside `period` is added up from `heardDays`.
    private func trend(_ db: Database, endingWith end: Day, within period: FiguresPeriod, heardDays: [MeetingReturn]) throws -> [QuarterPoint] {
        let last = Quarter(containing: end)
        let count = try db.cachedStatement(sql: "SELECT COUNT(*) FROM referral WHERE heard_on BETWEEN ? AND ?")
        return try (0..<8).reversed().compactMap { last.adding(-$0) }.map { quarter in
            let n: Int
            if quarter.first >= period.from, quarter.last <= period.to {
                n = heardDays.filter { $0.heldOn >= quarter.first && $0.heldOn <= quarter.last }.reduce(0) { $0 + $1.casesDiscussed }
            } else {
                n = try Int.fetchOne(count, arguments: [quarter.first.description, quarter.last.description]) ?? 0
            }
            return QuarterPoint(quarter: quarter.description, period: quarter.period, casesHeard: n)
        }
    }

    /// Actions agreed at meetings in the period, and how each agency did.
    private func actionPerformance(_ db: Database, range: StatementArguments, escalatedOnOrBefore cutoff: Day) throws -> [ActionPerformance] {
        try Row.fetchAll(db, sql: """
            SELECT a.agency,
                   COUNT(*) AS agreed,
                   SUM(COALESCE(a.status = 'done' AND a.closed_on <= a.due_on, 0)) AS on_time,
                   SUM(COALESCE(a.status = 'done' AND a.closed_on > a.due_on, 0)) AS late,
                   SUM(a.status = 'incomplete') AS incomplete,
                   SUM(a.status = ? AND a.due_on < ?) AS overdue,
                   SUM(a.status = ? AND a.due_on >= ?) AS not_due,
                   SUM(a.status = ? AND a.due_on <= ?) AS escalated
            FROM meeting m JOIN action a ON a.meeting_id = m.id
            WHERE m.held_on BETWEEN ? AND ?
            GROUP BY a.agency ORDER BY a.agency
            """, arguments: [ActionRules.overdueStatus.rawValue, today.description, ActionRules.overdueStatus.rawValue, today.description,
                              ActionRules.overdueStatus.rawValue, cutoff.description] + range).map { row in
            ActionPerformance(agency: row["agency"], agreed: row["agreed"], completedOnTime: row["on_time"], completedLate: row["late"],
                              incomplete: row["incomplete"], openOverdue: row["overdue"], openNotDue: row["not_due"], escalated: row["escalated"])
        }
    }
}
