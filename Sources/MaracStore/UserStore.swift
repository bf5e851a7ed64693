import Foundation
import GRDB
import MaracCore

/// The people who use marac, by OS login. Read and written inside the
/// caller's transaction; never deleted (the audit trail names them). The
/// use-case layer checks a change (a known agency, an admin left) and records it.
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

    /// Writes a new, active user.
    package static func insert(_ db: Database, _ user: MaracUser, by actor: Actor, at timestamp: String) throws {
        try db.execute(sql: """
            INSERT INTO app_user (login, name, roles, agency, active, created_at, created_by) VALUES (?, ?, ?, ?, 1, ?, ?)
            """, arguments: [user.login, user.name, MaracUser.rolesText(user.roles), user.agency, timestamp, actor.name])
    }

    /// Writes a user's roles and agency.
    package static func updateRoles(_ db: Database, login: String, roles: Set<Role>, agency: String?) throws {
        try db.execute(sql: "UPDATE app_user SET roles = ?, agency = ? WHERE login = ?",
                       arguments: [MaracUser.rolesText(roles), agency, login])
    }

    /// Marks a user inactive (the row stays).
    package static func disable(_ db: Database, login: String) throws {
        try db.execute(sql: "UPDATE app_user SET active = 0 WHERE login = ?", arguments: [login])
    }

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
