import Foundation
import MaracCore

/// The file `marac person export` writes for a subject access request: one
/// JSON document, third parties redacted by Core's `SubjectAccess` rules.
public struct SubjectAccessDocument: Sendable {
    public let report: SubjectAccessReport
    public let producedAt: String
    public let producedBy: String

    public init(_ report: SubjectAccessReport, producedAt: String, producedBy: String) {
        self.report = report
        self.producedAt = producedAt
        self.producedBy = producedBy
    }

    public func json() -> JSON {
        let p = report.person
        let role = p.role
        let names = report.thirdPartyNames
        func text(_ value: String?) -> JSON { .optional(SubjectAccess.freeText(value, for: role, thirdPartyNames: names)) }
        let other = JSON.string(SubjectAccess.redacted)
        return .object([
            ("subject_access_request", .object([
                ("produced_at", .string(producedAt)), ("produced_by", .string(producedBy)),
                ("redaction", .string(role == .victim
                    ? "the perpetrator's identity is redacted, in fields and in free text; the victim's own children are included"
                    : "the victims' identities, the children and the cases' free text are withheld")),
            ])),
            ("person", .object([
                ("id", .int(Int(p.id))), ("role", .string(p.role.rawValue)), ("name", .string(p.name)), ("dob", .optional(p.dob?.description)),
                ("gender", .string(p.gender.rawValue)), ("ethnicity", .string(p.ethnicity.rawValue)),
                ("disability", .string(p.disability.rawValue)), ("lgbt", .string(p.lgbt.rawValue)),
                ("postcode", .optional(p.postcode)), ("aliases", .array(report.aliases.map(JSON.string))),
            ])),
            ("referrals", .array(report.cases.map { c in
                let r = c.referral
                var fields: [(String, JSON)] = [
                    ("ref", .string(r.ref)), ("referred_on", .string(r.referredOn.description)),
                    ("referring_agency", .string(r.referringAgency)), ("second_agency", .optional(r.secondAgency)),
                    ("referrer", role == .victim ? .optional(r.referrer) : other),
                    ("status", .string(r.status.rawValue)), ("heard_on", .optional(r.heardOn?.description)),
                    ("risk_band", .string(r.band.rawValue)), ("ric_score", .optional(r.ricScore)),
                    ("ric_answers", role == .victim ? .optional(r.ricAnswers) : .optional(r.ricAnswers.map { _ in SubjectAccess.withheld })),
                    ("criteria", .array(r.criteria.map { .string($0.rawValue) })), ("repeat", .bool(r.isRepeat)),
                    ("professional_judgement_reason", text(r.judgementReason)),
                    ("police_incidents_12m", .optional(r.policeIncidents12m)),
                    ("consent", .string(r.consent.rawValue)), ("consent_note", text(r.consentNote)),
                    ("sharing_reason", .optional(r.sharingReason?.rawValue)), ("lawful_basis", .optional(r.lawfulBasis)),
                    ("consent_decided_by", .optional(r.consentDecidedBy)), ("consent_decided_at", .optional(r.consentDecidedAt)),
                    ("decline_reason", text(r.declineReason)),
                    ("relationship", text(r.relationship)),
                    ("children_in_household", .int(r.childrenInHousehold)),
                    ("children", SubjectAccess.disclosesChildren(to: role)
                        ? .array(c.children.map { .object([("name", .string($0.name)), ("dob", .optional($0.dob?.description)),
                                                          ("lives_with", text($0.livesWith))]) })
                        : .array(c.children.map { _ in other })),
                    (role == .victim ? "perpetrator" : "victim", (role == .victim ? r.perpetratorID : r.victimID) == nil ? .null : other),
                    ("created", .string("\(r.createdAt) by \(r.createdBy)")), ("updated", .string("\(r.updatedAt) by \(r.updatedBy)")),
                ]
                for field in ReferralField.plain { fields.append((field.column, text(r.plain[field.column]))) }
                fields.append(("shared_at_meetings", .array(c.listings.map { l in
                    .object([("meeting", .string(l.meeting.description)), ("heard", .bool(l.heard)),
                             ("information_shared", text(l.informationShared))])
                })))
                fields.append(("research_returns", .array(c.research.map { r in
                    .object([("meeting", .string(r.meeting.description)), ("agency", .string(r.agency)), ("known", .bool(r.known)),
                             ("summary", text(r.summary)), ("current_risks", text(r.currentRisks)), ("returned_on", .string(r.returnedOn))])
                })))
                fields.append(("actions", .array(c.actions.map { a in
                    .object([("id", .int(Int(a.id))), ("agency", .string(a.agency)), ("owner", .string(a.owner)),
                             ("description", text(a.description)), ("due", .string(a.due.description)), ("status", .string(a.status.rawValue)),
                             ("completion_note", text(a.completionNote)), ("incomplete_reason", text(a.incompleteReason)),
                             ("closed_on", .optional(a.closedOn?.description))])
                })))
                return .object(fields)
            })),
            // Who read this person's record, when and through what (the access log).
            ("accessed_by", .array(report.reads.map { read in
                .object([("at", .string(read.at)), ("by", .string(read.actor)), ("use_case", .string(read.useCase)), ("kind", .string(read.kind))])
            })),
        ])
    }
}
