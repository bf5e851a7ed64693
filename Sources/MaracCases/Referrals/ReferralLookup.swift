internal import MaracStore
internal import GRDB

/// A referral by reference as the use cases need it: one that is not there
/// is refused with the same words wherever it was asked for.
enum ReferralLookup {
    /// What a missing (or out of scope) reference gives.
    /// The reference is not repeated: it may be a value typed into the wrong place.
    static let notFound = CaseError(.notFound, "no referral with that reference")

    /// The referral with this reference; refused when there is none.
    static func record(_ db: Database, ref: String) throws -> ReferralRecord {
        guard let record = try ReferralQueries.record(db, ref: ref) else { throw notFound }
        return record
    }

    /// The referral in full; `scope` limits its linked cases to those the reader may see.
    static func detail(_ db: Database, _ record: ReferralRecord,
                       scope: (sql: String, arguments: StatementArguments)) throws -> ReferralDetail {
        guard let detail = try ReferralQueries.detail(db, record, scope: scope) else {
            throw CaseError(.storage, "referral row \(record.id): its victim is missing")
        }
        return detail
    }

    /// The same by reference.
    static func detail(_ db: Database, ref: String, scope: (sql: String, arguments: StatementArguments)) throws -> ReferralDetail {
        try detail(db, try record(db, ref: ref), scope: scope)
    }

    /// Where a page of the list starts, from the cursor the previous page returned.
    static func position(after cursor: String?) throws -> (day: String, id: Int64)? {
        guard let cursor else { return nil }
        guard let (day, id) = Cursor.decode(cursor) else { throw CaseError(.invalid, field: "after", "is not a cursor from an earlier page") }
        return (day, id)
    }
}
