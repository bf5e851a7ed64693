import GRDB
import MaracCore

/// A person's scope as an SQL condition on a referral aliased `r`. The values
/// (login, the agenda cutoff) are bound, never spliced in.
package enum ScopeSQL {
    package static func referral(_ grant: Grant, login: String, today: Day) -> (sql: String, arguments: StatementArguments) {
        if grant.isAll { return ("1", []) }
        var parts: [String] = []
        var arguments: StatementArguments = []
        if grant.scopes.contains(.ownCases) {
            parts.append("r.created_by = ? OR r.keyworker = ?")
            arguments += [login, login]
        }
        if grant.scopes.contains(.agendaCases) {
            parts.append("""
                EXISTS (SELECT 1 FROM agenda_item si JOIN meeting sm ON sm.id = si.meeting_id
                        WHERE si.referral_id = r.id AND (si.heard = 0 OR sm.held_on >= ?))
                """)
            arguments += [today.adding(months: -Scope.agendaMonths).description]
        }
        return ("(" + parts.map { "(\($0))" }.joined(separator: " OR ") + ")", arguments)
    }

    /// The referrals in scope as an index lookup (their ids), when the scope
    /// is a person's own cases alone: a search can then start from those few
    /// cases instead of filtering every name that matches. Nil otherwise.
    package static func ownCaseIDs(_ grant: Grant, login: String) -> (sql: String, arguments: StatementArguments)? {
        guard grant.scopes == [.ownCases] else { return nil }
        return ("SELECT id FROM referral WHERE created_by = ? UNION SELECT id FROM referral WHERE keyworker = ?", [login, login])
    }

    /// The referrals in scope as ids read by index, one column `id`, when
    /// every part of the scope can be listed that way (own cases, agenda
    /// cases); nil for every record. A page of an agency's open actions
    /// then starts from the few cases its representative sees instead of
    /// walking every open action of the agency and testing each (issue 22:
    /// 43,000 at a million referrals, 2.5 s a key on the agency home).
    /// Unheard items come from the partial index `agenda_item_unheard` (v23),
    /// the recent meetings' items from the meeting's day.
    package static func caseIDs(_ grant: Grant, login: String, today: Day) -> (sql: String, arguments: StatementArguments)? {
        guard !grant.isAll, !grant.scopes.isEmpty else { return nil }
        var parts: [String] = []
        var arguments: StatementArguments = []
        if grant.scopes.contains(.ownCases) {
            parts += ["SELECT id FROM referral WHERE created_by = ?", "SELECT id FROM referral WHERE keyworker = ?"]
            arguments += [login, login]
        }
        if grant.scopes.contains(.agendaCases) {
            parts += ["SELECT referral_id AS id FROM agenda_item WHERE heard = 0",
                      "SELECT si.referral_id AS id FROM meeting sm JOIN agenda_item si ON si.meeting_id = sm.id WHERE sm.held_on >= ?"]
            arguments += [today.adding(months: -Scope.agendaMonths).description]
        }
        return (parts.joined(separator: " UNION "), arguments)
    }

    /// Whether one referral is within the scope.
    package static func contains(_ db: Database, referralID: Int64, grant: Grant, login: String, today: Day) throws -> Bool {
        let scope = referral(grant, login: login, today: today)
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM referral r WHERE r.id = ? AND \(scope.sql))",
                                 arguments: [referralID] + scope.arguments) ?? false
    }
}
