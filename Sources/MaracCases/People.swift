internal import MaracStore
internal import GRDB

/// The people who use marac: OS logins with roles, managed by an admin.
extension Session {
    /// The acting person, or refused (not a user, or disabled) before anything is shown.
    public func whoAmI() throws(CaseError) -> MaracUser {
        try read(.viewAgencies) { _, permit in permit.user }
    }

    public func addUser(login: String, name: String, roles: [Role], agency: String?) throws(CaseError) {
        let user = try checkedUser(login: login, name: name, roles: roles, agency: agency)
        try write(.manageUsers) { db, _ in try UserStore.add(db, user, by: actor, at: clock.timestamp) }
    }

    public func users() throws(CaseError) -> [MaracUser] {
        try read(.viewUsers) { db, _ in try UserStore.list(db) }
    }

    public func setRoles(login: String, roles: [Role], agency: String?) throws(CaseError) {
        guard !roles.isEmpty else { throw CaseError(.invalid, field: "role", "give at least one role") }
        try write(.manageUsers) { db, _ in try UserStore.setRoles(db, login: login, roles: Set(roles), agency: agency, by: actor) }
    }

    public func disableUser(login: String) throws(CaseError) {
        try write(.manageUsers) { db, _ in try UserStore.disable(db, login: login, by: actor) }
    }

    private func checkedUser(login: String, name: String, roles: [Role], agency: String?) throws(CaseError) -> MaracUser {
        var problems: [CaseError.Problem] = []
        do { _ = try MaracUser.checkLogin(login) } catch { problems.append(.init(field: error.field, error.message)) }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { problems.append(.init(field: "name", "is required")) }
        do { try FieldLimits.check("name", name, maxLength: FieldLimits.name, multiLine: false) } catch { problems.append(.init(field: error.field, error.message)) }
        if roles.isEmpty { problems.append(.init(field: "role", "give at least one role")) }
        if roles.contains(.agency), agency == nil { problems.append(.init(field: "agency", "an agency user needs the code of the agency they represent")) }
        if !problems.isEmpty { throw CaseError(.invalid, problems) }
        return MaracUser(login: login, name: name, roles: Set(roles), agency: agency?.lowercased())
    }
}
