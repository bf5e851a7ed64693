internal import MaracStore
internal import GRDB
import MaracCore

/// The perpetrator picture (issue 24): one perpetrator's page.
extension Session {
    /// What a missing (or wholly out of scope) perpetrator gives: the same
    /// words, so a reader cannot learn that someone is recorded.
    static let perpetratorNotFound = CaseError(.notFound, "no perpetrator with that id")

    /// A perpetrator with every victim's referral the reader may see, risk
    /// over time, linked cases and the actions on them; the serial count
    /// covers every victim. A reader who may see none of their referrals is
    /// told there is no such perpetrator. The reading is recorded.
    public func perpetrator(_ id: Int64) throws(CaseError) -> PerpetratorPage {
        try write(.viewPerpetrator) { db, permit in
            guard let person = try PerpetratorPages.person(db, id: id) else { throw Self.perpetratorNotFound }
            let referrals = try PerpetratorPages.referrals(db, perpetratorID: person.id, limit: PerpetratorPage.limit, scope: permit.scope)
            guard !referrals.isEmpty || permit.grant.isAll else { throw Self.perpetratorNotFound }
            let actions = try PerpetratorPages.actions(db, referralIDs: referrals.map(\.id), limit: PerpetratorPage.limit)
            let standing = try serialStanding(db, perpetratorID: person.id, rule: try serialRule(db))
            // The panel's history, for those who may see the panel (the coordinator; not an IDVA or agency reader).
            var panel: [(referral: PanelReferralRecord, interventions: [PanelInterventionRecord])] = []
            if Policy.grant(permit.user.roles, .viewPanel) != nil {
                let service = PanelService(clock: clock)
                for referral in try service.referrals(db, perpetratorID: person.id, limit: PerpetratorPage.panelLimit) {
                    panel.append((referral, try service.interventions(db, referralID: referral.id)))
                }
            }
            let page = PerpetratorPage(perpetrator: person, serial: standing, referrals: referrals, actions: actions, panel: panel)
            try recordAccess(db, permit, referralIDs: referrals.map(\.id),
                             personIDs: [person.id] + page.victimsInScope.map(\.victimID))
            return page
        }
    }
}
