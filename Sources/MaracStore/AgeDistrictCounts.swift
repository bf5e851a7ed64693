import GRDB
import MaracCore

/// Referrals of a period by the victim's age and postcode district, read by
/// index seeks instead of a sort (issue 21: figures on one connection). A
/// borough has tens of districts and victims some eighty distinct ages, so the
/// (district, age) pairs in the whole file are a few hundred: for each, one
/// range count on `referral_by_district_age` (district, age, day) counts the
/// period's referrals without reading a row. `GROUP BY age, district` over
/// the period's index entries sorted every one of them (a year at a million
/// referrals: 100,000 rows into a temporary B-tree, the largest single cost
/// of the figures). Counts the same rows; `FiguresGoldenTests` and
/// `FiguresParallelTests` hold it to the figures as before.
enum AgeDistrictCounts {
    /// Past this many pairs in the file, seeking each costs more than one
    /// sort of the period: the plain GROUP BY is used.
    static let maxPairs = 3_000

    static func read(_ db: Database, _ range: StatementArguments) throws -> [(age: Int?, district: String?, count: Int)] {
        if let counts = try bySeeks(db, range) { return counts }
        return try Row.fetchAll(db, sql: """
            SELECT victim_age, victim_district, COUNT(*) FROM referral WHERE referred_on BETWEEN ? AND ? GROUP BY victim_age, victim_district
            """, arguments: range).map { ($0[0], $0[1], $0[2]) }
    }

    /// Nil when the file holds more pairs than `maxPairs`.
    static func bySeeks(_ db: Database, _ range: StatementArguments) throws -> [(age: Int?, district: String?, count: Int)]? {
        // `IS ?` matches NULL too and still seeks the index (NULL sorts first in it).
        let nextDistrict = try db.cachedStatement(sql: "SELECT MIN(victim_district) FROM referral WHERE victim_district > ?")
        let nextAge = try db.cachedStatement(sql: "SELECT MIN(victim_age) FROM referral WHERE victim_district IS ? AND victim_age > ?")
        let count = try db.cachedStatement(sql: """
            SELECT COUNT(*) FROM referral WHERE victim_district IS ? AND victim_age IS ? AND referred_on BETWEEN ? AND ?
            """)
        var districts: [String?] = [nil]
        var next = try String.fetchOne(db, sql: "SELECT MIN(victim_district) FROM referral")
        while let district = next {
            districts.append(district)
            if districts.count > maxPairs { return nil }
            next = try String.fetchOne(nextDistrict, arguments: [district])
        }
        var pairs = 0
        var counts: [(age: Int?, district: String?, count: Int)] = []
        for district in districts {
            var ages: [Int?] = [nil]
            var age = try Int.fetchOne(nextAge, arguments: [district, Int.min])
            while let known = age {
                ages.append(known)
                pairs += 1
                if pairs > maxPairs { return nil }
                age = try Int.fetchOne(nextAge, arguments: [district, known])
            }
            for age in ages {
                let n = try Int.fetchOne(count, arguments: [district, age] + range) ?? 0
                if n > 0 { counts.append((age, district, n)) }
            }
        }
        return counts
    }
}
