internal import MaracStore
import Foundation
internal import GRDB

/// The lawful bases a case may be shared on without consent.
extension Session {
    public func lawfulBases() throws(CaseError) -> [LawfulBasis] {
        try read(.viewLawfulBases) { db, _ in try LawfulBasisService().list(db) }
    }

    public func addLawfulBasis(code: String, text: String) throws(CaseError) {
        try write(.manageLawfulBases) { db, _ in
            let checkedCode: String, law: String
            do throws(FieldError) {
                checkedCode = try LawfulBasis.checkCode(code)
                law = try LawfulBasis.checkText(text)
            } catch {
                throw CaseError(error)
            }
            let bases = LawfulBasisService()
            if try bases.exists(db, code: checkedCode) {
                throw CaseError(.invalid, field: "code", "\(checkedCode) already exists; a basis is never changed (add one with a new code)")
            }
            try bases.insert(db, code: checkedCode, text: law, by: actor, at: clock.timestamp)
            try Audit.record(db, actor: actor, action: "create", entity: "lawful_basis", entityID: nil, detail: checkedCode)
        }
    }
}

/// Subject access: everything held about one person.
extension Session {
    /// Everything held about person `id`, for a subject access request. The
    /// request is on the audit trail, and the export is an access record of
    /// the person and their referrals, in the same transaction.
    public func subjectAccess(personID id: Int64, destination: PackDestination) throws(CaseError) -> SubjectAccessReport {
        try write(.exportPerson) { db, permit in
            guard let report = try SubjectAccessService().report(db, personID: id) else { throw CaseError(.notFound, "no person \(id)") }
            // Where it went (plain, or the pack's recipients: keys and agency codes, never a path or a name).
            let whereTo = destination.accessReason ?? "shown on the terminal"
            try Audit.record(db, actor: actor, action: "subject_access", entity: "person", entityID: id,
                             detail: "referrals=\(report.cases.count) reads=\(report.reads.count) \(whereTo)")
            try Access.record(db, actor: actor, useCase: permit.useCase.rawValue, referralIDs: report.referralIDs, personIDs: [id],
                              reason: try AccessReason.checked(destination.accessReason, kind: .read))
            return report
        }
    }
}

extension Session {
    /// Now, as the timestamps marac stores are written (for a document's "produced at").
    public var producedAt: String { clock.timestamp }
}
