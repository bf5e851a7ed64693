internal import MaracStore
internal import GRDB

/// The audit trail's integrity and who-saw-what.
extension Session {
    /// Recomputes the hash chain (and checks it against an anchor recorded earlier).
    public func verifyAuditTrail(anchor: AuditAnchor? = nil) throws(CaseError) -> AuditVerification {
        try read(.verifyAudit) { _, _ in }
        do { return try AuditChain.verify(database, anchor: anchor) } catch { throw CaseError.from(error) }
    }

    /// Who saw a referral, newest first.
    public func accessToReferral(_ ref: String, before cursor: Int64? = nil, limit: Int) throws(CaseError) -> Page<AccessEntry> {
        let id = try read(.viewAudit) { db, _ in try AuditTrail().referralID(db, ref: ref) }
        do { return try AccessLog(database: database).forReferral(id: id, before: cursor, limit: limit) } catch { throw CaseError.from(error) }
    }

    /// Who saw a person (a victim or perpetrator), newest first.
    public func accessToPerson(_ id: Int64, before cursor: Int64? = nil, limit: Int) throws(CaseError) -> Page<AccessEntry> {
        try read(.viewAudit) { _, _ in }
        do {
            let log = AccessLog(database: database)
            guard try log.personExists(id: id) else { throw CaseError(.notFound, "no person \(id)") }
            return try log.forPerson(id: id, before: cursor, limit: limit)
        } catch {
            throw CaseError.from(error)
        }
    }

    /// Cases opened outside the reader's scope, for the coordinator's review.
    public func breakGlassReads(before cursor: Int64? = nil, limit: Int) throws(CaseError) -> Page<AccessEntry> {
        try read(.reviewBreakGlass) { _, _ in }
        do { return try AccessLog(database: database).breakGlass(before: cursor, limit: limit) } catch { throw CaseError.from(error) }
    }
}
