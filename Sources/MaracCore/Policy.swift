/// What a person does in their work at the MARAC.
public enum Role: String, CaseIterable, Sendable, Codable, Comparable {
    /// Every case, meeting and action.
    case coordinator
    /// Logs referrals; sees and edits the cases they referred or are keyworker for.
    case idva
    /// An agency's representative: the cases on the agendas of meetings, from
    /// listing until 12 months after hearing; their own agency's actions.
    case agency
    /// Figures and reports only, always suppressed; never an identity.
    case analyst
    /// Users, settings, the audit trail; no case content.
    case admin
    /// A perpetrator panel member (issue 24: police, probation, programme
    /// staff): the perpetrators on the panel's agenda and the victims' safety
    /// facts the panel needs; no research, nothing shared, no case in full.
    case panel

    /// The order roles are listed in: the order they are declared.
    var rank: Int {
        switch self {
        case .coordinator: 0
        case .idva: 1
        case .agency: 2
        case .analyst: 3
        case .admin: 4
        case .panel: 5
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// A marac user: an OS login with roles. Users are never deleted (the audit
/// refers to them); a user who leaves is disabled.
public struct MaracUser: Sendable, Equatable {
    public var login: String
    public var name: String
    public var roles: Set<Role>
    /// The agency an `agency` user represents.
    public var agency: String?
    public var active: Bool

    public init(login: String, name: String, roles: Set<Role>, agency: String? = nil, active: Bool = true) {
        self.login = login
        self.name = name
        self.roles = roles
        self.agency = agency
        self.active = active
    }

    /// Logins are OS account names: letters, digits, `.`, `_`, `-`.
    public static func checkLogin(_ text: String) throws(FieldError) -> String {
        guard (1...32).contains(text.count),
              text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }) else {
            throw FieldError("login", "is not a login (1–32 letters, digits, . _ -)")
        }
        return text
    }

    /// Roles as the user table and the audit trail write them: sorted, `;` between.
    public static func rolesText(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ";") }
}

/// Every thing a person can ask marac to do: the policy's rows.
public enum UseCase: String, CaseIterable, Sendable {
    // Referrals
    case logReferral, editReferral, viewReferral, listReferrals, triageQueue, searchPeople
    case screenReferral, lapseCases, importReferrals, exportReferrals
    /// A case's history of corrections, values included: scoped as opening the case.
    case viewHistory
    // Meetings
    case viewMeetings, manageMeetings, manageAgenda, recordAttendance, hearCase, recordShared, viewAgenda, writeMeetingDocuments
    // Research before the meeting
    case recordResearch, viewResearch, importResearch
    // Actions
    case agreeAction, updateAction, viewActions, chaseActions
    // Figures
    case viewExactFigures, viewSuppressedFigures
    // Administration
    case viewSettings, changeSettings, viewAgencies, manageAgencies, manageUsers, viewUsers
    case viewAudit, verifyAudit, reviewBreakGlass, fillDemo
    /// A whole copy of the database out (`backup`), and a copy back in (`restore`).
    case backupDatabase, restoreDatabase
    // Keys and circulation packs
    case viewMaracKey, manageAgencyKeys, openPack
    // Data protection
    case viewLawfulBases, manageLawfulBases, purgeCases, exportPerson
    // One person, one record (issue 20): the coordinator's alone.
    case findDuplicatePeople, mergePeople, unmergePeople, dismissDuplicate
    /// Opening one case outside one's scope, with a reason, logged for review.
    case breakGlass
    // Corrections at and after the meeting (issue 20), each with its reason
    case correctShared, unhearCase, reverseDecline, reassignAction, reopenAction, cancelMeeting, moveMeeting
    /// The perpetrator picture (issue 24): one perpetrator's page.
    case viewPerpetrator
    // Cases moving between MARACs (issue 25): the coordinator's alone.
    case transferOut, transferIn, decideTransfer, acknowledgeTransfer, viewTransfers, manageMaracPeers
    // Clare's Law requests (issue 23): the police own them, the coordinator sees them.
    case viewDisclosureRequests, manageDisclosureRequests
    // Between meetings (issue 23): incidents, their referral back, flag-and-tag lists
    case logIncident, listIncidents, importIncidents, referIncident, listFlags
    /// The harm ranking of every perpetrator (issue 24): it spans every case, so the coordinator's.
    case rankPerpetrators
    /// The week from the UI (issue 22): an agency representative confirms its own agency will attend.
    case confirmOwnAttendance
    // The perpetrator panel (issue 24): its meetings, referrals, decisions and interventions
    case viewPanel, managePanel, referToPanel, decidePanel, recordPanelOutcome

    /// What refusing it says: "may not <words>".
    public var words: String {
        switch self {
        case .logReferral: "log referrals"
        case .editReferral: "edit this referral"
        case .viewReferral: "open referrals"
        case .viewHistory: "see a case's history"
        case .listReferrals: "list referrals"
        case .triageQueue: "see the triage queue"
        case .searchPeople: "search people"
        case .screenReferral: "screen referrals"
        case .lapseCases: "lapse cases"
        case .importReferrals: "import referrals"
        case .exportReferrals: "export referrals"
        case .viewMeetings: "see meetings"
        case .manageMeetings: "create meetings"
        case .manageAgenda: "change agendas"
        case .recordAttendance: "record attendance"
        case .hearCase: "hear cases"
        case .recordShared: "record what was shared"
        case .viewAgenda: "see agendas"
        case .writeMeetingDocuments: "write meeting documents"
        case .recordResearch: "record research returns"
        case .viewResearch: "see research returns"
        case .importResearch: "load research returns from a file"
        case .chaseActions: "chase actions"
        case .agreeAction: "agree actions"
        case .updateAction: "update actions"
        case .viewActions: "see actions"
        case .viewExactFigures: "see exact figures"
        case .viewSuppressedFigures: "see figures"
        case .viewSettings: "see settings"
        case .changeSettings: "change settings"
        case .viewAgencies: "see agencies"
        case .manageAgencies: "add agencies"
        case .manageUsers: "manage users"
        case .viewUsers: "see users"
        case .viewAudit: "read the audit trail"
        case .verifyAudit: "verify the audit trail"
        case .reviewBreakGlass: "review break-glass reads"
        case .fillDemo: "fill a demo database"
        case .backupDatabase: "back up the database"
        case .restoreDatabase: "restore a backup"
        case .viewLawfulBases: "see the lawful bases"
        case .manageLawfulBases: "add lawful bases"
        case .purgeCases: "purge cases"
        case .exportPerson: "export what is held about a person"
        case .breakGlass: "open a case outside their scope"
        case .findDuplicatePeople: "list people who may be recorded twice"
        case .mergePeople: "merge people"
        case .unmergePeople: "undo a merge of people"
        case .dismissDuplicate: "dismiss possible duplicates"
        case .viewMaracKey: "see the MARAC's public key"
        case .manageAgencyKeys: "set agencies' keys"
        case .openPack: "open files sent to the MARAC"
        case .correctShared: "correct what was shared"
        case .unhearCase: "undo a hearing"
        case .reverseDecline: "reverse a decline"
        case .reassignAction: "reassign actions"
        case .reopenAction: "reopen actions"
        case .cancelMeeting: "cancel meetings"
        case .moveMeeting: "move meetings"
        case .viewPerpetrator: "see a perpetrator's page"
        case .transferOut: "send cases to another MARAC"
        case .transferIn: "take in cases from another MARAC"
        case .decideTransfer: "decide on cases taken in from another MARAC"
        case .acknowledgeTransfer: "read another MARAC's acknowledgements"
        case .viewTransfers: "see transfers between MARACs"
        case .manageMaracPeers: "keep the list of other MARACs"
        case .viewDisclosureRequests: "see Clare's Law requests"
        case .manageDisclosureRequests: "record Clare's Law requests"
        case .logIncident: "log incidents"
        case .listIncidents: "list incidents"
        case .importIncidents: "import incidents"
        case .referIncident: "refer incidents to MARAC"
        case .listFlags: "list cases to flag"
        case .rankPerpetrators: "rank perpetrators by harm"
        case .confirmOwnAttendance: "confirm their agency will attend"
        case .viewPanel: "see the perpetrator panel"
        case .managePanel: "run perpetrator panel meetings"
        case .referToPanel: "refer perpetrators to the panel"
        case .decidePanel: "record the panel's decisions and interventions"
        case .recordPanelOutcome: "record interventions' outcomes"
        }
    }
}

/// Which records a permitted use case reaches.
public enum Scope: Sendable, Equatable, Comparable {
    /// The cases an IDVA referred or is keyworker for.
    case ownCases
    /// The cases on meeting agendas, from listing until `agendaMonths` after hearing.
    case agendaCases
    /// Every record.
    case all

    /// How long after hearing an agency still sees a case.
    public static let agendaMonths = 12
}

/// The permission policy: role × use case → allowed, and the scope of
/// records. One table, applied by the use-case layer to every read and write.
public enum Policy {
    /// nil: not allowed. Use cases with no records to scope return `.all`.
    public static func scope(_ role: Role, _ useCase: UseCase) -> Scope? {
        switch (role, useCase) {
        // The coordinator runs the MARAC: everything but the people who use it.
        case (.coordinator, .manageUsers): nil
        case (.coordinator, .breakGlass): nil // already sees every case
        // Clare's Law requests belong to the police; the coordinator sees them.
        case (.coordinator, .manageDisclosureRequests): nil
        case (.coordinator, _): .all

        case (.idva, .logReferral), (.idva, .viewMeetings), (.idva, .viewAgencies), (.idva, .viewMaracKey), (.idva, .viewLawfulBases): .all
        case (.idva, .editReferral), (.idva, .viewReferral), (.idva, .viewHistory), (.idva, .listReferrals), (.idva, .triageQueue),
             (.idva, .searchPeople), (.idva, .viewAgenda), (.idva, .viewActions), (.idva, .viewPerpetrator): .ownCases
        case (.idva, .breakGlass): .all
        case (.idva, _): nil

        // The MARAC's public key is what an agency encrypts its returns to.
        case (.agency, .viewMeetings), (.agency, .viewAgencies), (.agency, .viewMaracKey): .all
        case (.agency, .viewReferral), (.agency, .viewHistory), (.agency, .listReferrals), (.agency, .searchPeople), (.agency, .viewAgenda),
             (.agency, .recordShared), (.agency, .viewPerpetrator): .agendaCases
        // Their own agency's actions: the action rows are filtered by agency as well.
        case (.agency, .viewActions), (.agency, .updateAction), (.agency, .chaseActions): .agendaCases
        // Their own agency's returns, for meetings their agency takes part in.
        case (.agency, .recordResearch), (.agency, .viewResearch): .agendaCases
        // What they recorded themselves (the coordinator corrects anyone's:
        // `Corrections.mayCorrectShared`); their own agency's actions, to
        // another owner within the agency (`mayReassign`).
        case (.agency, .correctShared), (.agency, .reassignAction): .agendaCases
        case (.agency, .breakGlass): .all
        // Police representatives only (`ownsDisclosureRequests`): other agencies are refused.
        case (.agency, .viewDisclosureRequests), (.agency, .manageDisclosureRequests): .all
        // Incidents for their own agency (the use case checks the agency), on
        // the cases they reach; the flag list of their own agency.
        case (.agency, .logIncident), (.agency, .listIncidents), (.agency, .importIncidents), (.agency, .listFlags): .agendaCases
        // Issue 22: their own agency's attendance, and its returned research list
        // (the use case takes rows of their own agency only, for a meeting it takes part in).
        case (.agency, .confirmOwnAttendance): .all
        case (.agency, .importResearch): .agendaCases
        case (.agency, _): nil

        case (.analyst, .viewSuppressedFigures), (.analyst, .viewAgencies): .all
        case (.analyst, _): nil

        case (.admin, .manageUsers), (.admin, .viewUsers), (.admin, .viewSettings), (.admin, .changeSettings),
             (.admin, .viewAudit), (.admin, .verifyAudit), (.admin, .viewAgencies), (.admin, .manageAgencies),
             (.admin, .fillDemo), (.admin, .backupDatabase), (.admin, .restoreDatabase),
             (.admin, .viewMaracKey), (.admin, .manageAgencyKeys),
             (.admin, .viewLawfulBases), (.admin, .manageLawfulBases): .all
        case (.admin, _): nil

        // The panel's own records, whole (they are not cases: no case scope);
        // running its meetings and referring to it stay the coordinator's.
        case (.panel, .viewPanel), (.panel, .decidePanel), (.panel, .recordPanelOutcome), (.panel, .viewAgencies): .all
        case (.panel, _): nil
        }
    }

    /// What a person's roles together allow: nil when none allows it; the
    /// union of their scopes otherwise (an IDVA who also represents an agency
    /// sees both kinds of case).
    public static func grant(_ roles: Set<Role>, _ useCase: UseCase) -> Grant? {
        let scopes = Set(roles.compactMap { scope($0, useCase) })
        return scopes.isEmpty ? nil : Grant(scopes: scopes.contains(.all) ? [.all] : scopes)
    }

    /// Reassigning an action to another agency is the coordinator's: an
    /// agency representative hands their own agency's action to another of
    /// their people only.
    public static func mayReassign(_ user: MaracUser, _ grant: Grant, from agency: String, to newAgency: String) -> Bool {
        !ownAgencyActionsOnly(user, grant) || (agency == user.agency && newAgency == user.agency)
    }

    /// Clare's Law requests are the police's: an agency representative
    /// reaches them only for the police (the coordinator sees them all).
    public static func mayReachDisclosureRequests(_ user: MaracUser) -> Bool {
        user.roles.contains(.coordinator) || (user.roles.contains(.agency) && user.agency == ReferralRoute.police.rawValue)
    }

    /// An agency representative works their own agency's actions only (the
    /// cases they reach through another role keep all their actions).
    public static func ownAgencyActionsOnly(_ user: MaracUser, _ grant: Grant) -> Bool {
        !grant.isAll && user.roles.contains(.agency) && !grant.scopes.contains(.ownCases)
    }
}

/// A permitted use case and the records it reaches.
public struct Grant: Sendable, Equatable {
    public let scopes: Set<Scope>
    public var isAll: Bool { scopes.contains(.all) }

    public init(scopes: Set<Scope>) { self.scopes = scopes }

    public static let all = Grant(scopes: [.all])
}

/// Reading identifying data is recorded with its reason; opening a case outside
/// one's scope (break-glass) needs one, kept for review.
public enum AccessReason {
    /// The reason as recorded: blank is none. Break-glass without one is refused.
    public static func checked(_ text: String?, kind: AccessKind) throws(FieldError) -> String? {
        let reason = text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        if kind == .breakGlass, reason == nil { throw FieldError("break-glass", "give a reason") }
        return reason
    }
}
