/// When two records may be one person, though their identities differ
/// (issue 20). A folded-equal name with the same date of birth is the same
/// person, decided automatically (`IdentityKey`); a near match is only ever
/// offered, for a person to decide. This is the one place the rule lives:
/// intake, import and `person duplicates` all ask it.
///
/// Near matches need a date of birth on both records: without one, any two
/// similar names would be offered, and the only safe automatic rule is the
/// exact one.
public enum NearMatch {
    /// Why two records may be one person: the rule that matched, as printed.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// The same date of birth and the names a small edit apart (a typo).
        case similarName = "similar_name"
        /// The same date of birth and the same words in another order
        /// (given and family names swapped) or the same letters spaced
        /// differently ("O Connor" and "O'Connor").
        case swappedOrSpaced = "swapped_names"
        /// The same date of birth and one's name is an alias of the other.
        case alias
        /// The same name and the dates of birth a typo apart (one digit
        /// differs, or day and month swapped).
        case dobTypo = "dob_typo"
    }

    /// One record as the rule sees it: folded name, date of birth, folded aliases.
    public struct Identity: Sendable, Equatable {
        public let nameKey: String
        public let dob: Day?
        public let aliasKeys: [String]

        public init(nameKey: String, dob: Day?, aliasKeys: [String] = []) {
            self.nameKey = nameKey
            self.dob = dob
            self.aliasKeys = aliasKeys
        }

        /// From names as typed: folded as `IdentityKey` folds them.
        public init(name: String, dob: Day?, aliases: [String] = []) {
            self.init(nameKey: IdentityKey.normalise(name), dob: dob, aliasKeys: aliases.map(IdentityKey.normalise).filter { !$0.isEmpty })
        }
    }

    /// The largest edit distance (insertions, deletions, substitutions and
    /// swaps of two neighbouring letters, spaces ignored) between two names
    /// that may be one person: 1 for names of up to 10 letters, 2 for longer
    /// ones. A typo or two in a long name; never a different short name
    /// (Amina Begum / Amina Begam is offered, Ann Lee / Kim Lee is not).
    public static func allowedDistance(_ letters: Int) -> Int { letters <= 10 ? 1 : 2 }

    /// Why `a` and `b` may be one person, or nil when they are the same
    /// person (the exact rule decides) or unrelated.
    public static func reason(_ a: Identity, _ b: Identity) -> Reason? {
        guard let dobA = a.dob, let dobB = b.dob, !a.nameKey.isEmpty, !b.nameKey.isEmpty else { return nil }
        if dobA == dobB {
            if a.nameKey == b.nameKey { return nil }
            if sameWords(a.nameKey, b.nameKey) { return .swappedOrSpaced }
            if a.aliasKeys.contains(b.nameKey) || b.aliasKeys.contains(a.nameKey)
                || !Set(a.aliasKeys).isDisjoint(with: b.aliasKeys) { return .alias }
            if isSimilar(a.nameKey, b.nameKey) { return .similarName }
            return nil
        }
        if a.nameKey == b.nameKey, isTypo(dobA, dobB) { return .dobTypo }
        return nil
    }

    /// The same words in any order, or the same letters with spaces in other places.
    static func sameWords(_ a: String, _ b: String) -> Bool {
        if compact(a) == compact(b) { return true }
        return a.split(separator: " ").sorted() == b.split(separator: " ").sorted()
    }

    /// Within the allowed edit distance, spaces ignored.
    public static func isSimilar(_ a: String, _ b: String) -> Bool {
        let x = Array(compact(a).unicodeScalars), y = Array(compact(b).unicodeScalars)
        let limit = allowedDistance(max(x.count, y.count))
        guard abs(x.count - y.count) <= limit else { return false }
        return editDistance(x, y, limit: limit) <= limit
    }

    static func compact(_ key: String) -> String { key.replacingOccurrences(of: " ", with: "") }

    /// Optimal string alignment distance (Levenshtein with swaps of two
    /// neighbours), stopping early once every path exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
                rowBest = min(rowBest, value)
            }
            if rowBest > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// Two dates of birth a typo apart: exactly one digit differs, or the day
    /// and month are swapped (1988-03-14 typed as 1988-14-03 cannot be a day,
    /// but 1988-04-03 for 1988-03-04 can).
    public static func isTypo(_ a: Day, _ b: Day) -> Bool {
        guard a != b else { return false }
        if a.year == b.year, a.month == b.day, a.day == b.month { return true }
        let x = Array(a.description.utf8), y = Array(b.description.utf8)
        return zip(x, y).filter { $0 != $1 }.count == 1
    }
}
