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
        try write(.manageUsers) { db, _ in try addUser(db, user) }
    }

    public func users() throws(CaseError) -> [MaracUser] {
        try read(.viewUsers) { db, _ in try UserStore.list(db) }
    }

    public func setRoles(login: String, roles: [Role], agency: String?) throws(CaseError) {
        guard !roles.isEmpty else { throw CaseError(.invalid, field: "role", "give at least one role") }
        try write(.manageUsers) { db, _ in
            guard var user = try UserStore.find(db, login: login) else { throw CaseError(.notFound, field: "login", "\(login) is not a user") }
            user.roles = Set(roles)
            if let agency { user.agency = agency }
            try checkAgency(db, user)
            try UserStore.updateRoles(db, login: login, roles: user.roles, agency: user.agency)
            try Audit.record(db, actor: actor, action: "update", entity: "user", entityID: nil,
                             detail: "\(login) roles=\(MaracUser.rolesText(user.roles))")
            try keepAnAdmin(db)
        }
    }

    public func disableUser(login: String) throws(CaseError) {
        try write(.manageUsers) { db, _ in
            guard try UserStore.find(db, login: login) != nil else { throw CaseError(.notFound, field: "login", "\(login) is not a user") }
            try UserStore.disable(db, login: login)
            try Audit.record(db, actor: actor, action: "disable", entity: "user", entityID: nil, detail: login)
            try keepAnAdmin(db)
        }
    }

    /// Adds a user in the caller's transaction, with its audit row: refused
    /// when the login is taken or the agency unknown. (The first person to
    /// open a new database is added this way too.)
    func addUser(_ db: Database, _ user: MaracUser) throws {
        if try UserStore.find(db, login: user.login) != nil {
            throw CaseError(.invalid, field: "login", "\(user.login) is already a user")
        }
        try checkAgency(db, user)
        try UserStore.insert(db, user, by: actor, at: clock.timestamp)
        try Audit.record(db, actor: actor, action: "create", entity: "user", entityID: nil,
                         detail: "\(user.login) roles=\(MaracUser.rolesText(user.roles))" + (user.agency.map { " agency=\($0)" } ?? ""))
    }

    /// A database nobody can administer cannot take new people: refuse the change that would leave it so.
    private func keepAnAdmin(_ db: Database) throws {
        if try UserStore.admins(db).isEmpty { throw CaseError(.invalid, "this would leave no active admin; add another admin first") }
    }

    /// An agency user names their agency, and the agency is one at the table.
    private func checkAgency(_ db: Database, _ user: MaracUser) throws {
        if user.roles.contains(.agency), user.agency == nil {
            throw CaseError(.invalid, field: "agency", "an agency user needs the code of the agency they represent")
        }
        if let agency = user.agency, try !AgencyService().isKnown(db, code: agency) {
            throw CaseError(.invalid, field: "agency", "is not a known agency code")
        }
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
