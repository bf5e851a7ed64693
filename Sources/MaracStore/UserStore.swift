import Foundation
import GRDB
import MaracCore

/// The people who use marac, by OS login. Read and written inside the
/// caller's transaction; never deleted (the audit trail names them).
package enum UserStore {
    package static func find(_ db: Database, login: String) throws -> MaracUser? {
        try Row.fetchOne(db, sql: "SELECT login, name, roles, agency, active FROM app_user WHERE login = ?", arguments: [login]).map(user)
    }

    package static func list(_ db: Database) throws -> [MaracUser] {
        // A partnership has tens of users, not thousands: one page.
        try Row.fetchAll(db, sql: "SELECT login, name, roles, agency, active FROM app_user ORDER BY login LIMIT 10000").map(user)
    }

    package static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM app_user") ?? 0
    }

    /// Logins of active admins: who can add a person.
    package static func admins(_ db: Database) throws -> [String] {
        try list(db).filter { $0.active && $0.roles.contains(.admin) }.map(\.login)
    }

    package static func add(_ db: Database, _ user: MaracUser, by actor: Actor, at timestamp: String) throws {
        if try find(db, login: user.login) != nil {
            throw CaseError(.invalid, field: "login", "\(user.login) is already a user")
        }
        try checkAgency(db, user)
        try db.execute(sql: """
            INSERT INTO app_user (login, name, roles, agency, active, created_at, created_by) VALUES (?, ?, ?, ?, 1, ?, ?)
            """, arguments: [user.login, user.name, rolesText(user.roles), user.agency, timestamp, actor.name])
        try Audit.record(db, actor: actor, action: "create", entity: "user", entityID: nil,
                         detail: "\(user.login) roles=\(rolesText(user.roles))" + (user.agency.map { " agency=\($0)" } ?? ""))
    }

    package static func setRoles(_ db: Database, login: String, roles: Set<Role>, agency: String?, by actor: Actor) throws {
        guard var user = try find(db, login: login) else { throw CaseError(.notFound, field: "login", "\(login) is not a user") }
        user.roles = roles
        if let agency { user.agency = agency }
        try checkAgency(db, user)
        try db.execute(sql: "UPDATE app_user SET roles = ?, agency = ? WHERE login = ?", arguments: [rolesText(roles), user.agency, login])
        try Audit.record(db, actor: actor, action: "update", entity: "user", entityID: nil, detail: "\(login) roles=\(rolesText(roles))")
        try keepAnAdmin(db)
    }

    package static func disable(_ db: Database, login: String, by actor: Actor) throws {
        guard try find(db, login: login) != nil else { throw CaseError(.notFound, field: "login", "\(login) is not a user") }
        try db.execute(sql: "UPDATE app_user SET active = 0 WHERE login = ?", arguments: [login])
        try Audit.record(db, actor: actor, action: "disable", entity: "user", entityID: nil, detail: login)
        try keepAnAdmin(db)
    }

    /// A database nobody can administer cannot take new people: refuse the change that would leave it so.
    private static func keepAnAdmin(_ db: Database) throws {
        if try admins(db).isEmpty { throw CaseError(.invalid, "this would leave no active admin; add another admin first") }
    }

    private static func checkAgency(_ db: Database, _ user: MaracUser) throws {
        if user.roles.contains(.agency), user.agency == nil {
            throw CaseError(.invalid, field: "agency", "an agency user needs the code of the agency they represent")
        }
        if let agency = user.agency, try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [agency]) != true {
            throw CaseError(.invalid, field: "agency", "is not a known agency code")
        }
    }

    static func rolesText(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ";") }

    private static func user(_ row: Row) throws -> MaracUser {
        let r = RecordReader(row, table: "app_user")
        let roles = try (try r.value("roles") as String).split(separator: ";").map { text -> Role in
            guard let role = Role(rawValue: String(text)) else { throw r.unreadable("roles") }
            return role
        }
        return MaracUser(login: try r.value("login"), name: try r.value("name"), roles: Set(roles), agency: try r.value("agency"),
                         active: try r.value("active"))
    }
}

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

    /// Whether one referral is within the scope.
    package static func contains(_ db: Database, referralID: Int64, grant: Grant, login: String, today: Day) throws -> Bool {
        let scope = referral(grant, login: login, today: today)
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM referral r WHERE r.id = ? AND \(scope.sql))",
                                 arguments: [referralID] + scope.arguments) ?? false
    }
}
