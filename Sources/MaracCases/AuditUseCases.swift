internal import MaracStore
internal import GRDB

/// The audit trail, its integrity and who-saw-what.
extension Session {
    /// The audit trail newest first: of one referral, or of one kind of record.
    public func auditTrail(referral ref: String? = nil, entity: String? = nil, before cursor: Int64? = nil,
                           limit: Int) throws(CaseError) -> Page<AuditEntry> {
        try read(.viewAudit) { db, _ in
            let trail = AuditTrail()
            if let ref {
                return try trail.page(db, entity: "referral", entityID: try trailReferralID(db, ref: ref), before: cursor, limit: limit)
            }
            return try trail.page(db, entity: entity, before: cursor, limit: limit)
        }
    }

    /// Recomputes the hash chain (and checks it against an anchor recorded earlier).
    public func verifyAuditTrail(anchor: AuditAnchor? = nil) throws(CaseError) -> AuditVerification {
        try read(.verifyAudit) { _, _ in }
        do { return try AuditChain.verify(database, anchor: anchor) } catch { throw CaseError.from(error) }
    }

    /// Who saw a referral, newest first.
    public func accessToReferral(_ ref: String, before cursor: Int64? = nil, limit: Int) throws(CaseError) -> Page<AccessEntry> {
        try read(.viewAudit) { db, _ in
            try AccessLog().forReferral(db, id: try trailReferralID(db, ref: ref), before: cursor, limit: limit)
        }
    }

    /// Who saw a person (a victim or perpetrator), newest first.
    public func accessToPerson(_ id: Int64, before cursor: Int64? = nil, limit: Int) throws(CaseError) -> Page<AccessEntry> {
        try read(.viewAudit) { db, _ in
            let log = AccessLog()
            guard try log.personExists(db, id: id) else { throw CaseError(.notFound, "no person \(id)") }
            return try log.forPerson(db, id: id, before: cursor, limit: limit)
        }
    }

    /// Cases opened outside the reader's scope, for the coordinator's review.
    public func breakGlassReads(before cursor: Int64? = nil, limit: Int) throws(CaseError) -> Page<AccessEntry> {
        try read(.reviewBreakGlass) { db, _ in try AccessLog().breakGlass(db, before: cursor, limit: limit) }
    }

    /// A referral's database id, to read its trail or its readers; refused when there is no such referral.
    private func trailReferralID(_ db: Database, ref: String) throws -> Int64 {
        guard let id = try AuditTrail().referralID(db, ref: ref) else {
            throw CaseError(.notFound, "no referral with that reference")
        }
        return id
    }
}
