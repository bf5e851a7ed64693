import ArgumentParser
import Foundation
import MaracCases

extension Role: ExpressibleByArgument {}

/// The people who use marac: OS logins with roles (admin only).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "The people who use marac: add, list, change roles, disable (admin).",
        discussion: "A person is their OS login. Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). See docs/permissions.md.",
        subcommands: [Add.self, List.self, RoleChange.self, Disable.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person by OS login.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Their OS login.") var login: String
        @Option(help: "Their full name.") var name: String
        @Option(help: "A role; repeat for several.") var role: [Role]
        @Option(help: "The agency an agency user represents (an agency code).") var agency: String?

        func run() throws {
            let session = try openSession(global)
            try guarded { try session.addUser(login: login, name: name, roles: role, agency: agency) }
            note("user added: \(login)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the people who use marac.")
        @OptionGroup var global: GlobalOptions
        @Option var format: OutputFormat = .table

        func run() throws {
            let session = try openSession(global)
            let users = try guarded { try session.users() }
            write(Table(columns: ["login", "name", "roles", "agency", "active"], rows: users.map {
                [$0.login, $0.name, $0.roles.sorted().map(\.rawValue).joined(separator: ","), $0.agency ?? "", $0.active ? "yes" : "no"]
            }).render(format: format))
        }
    }

    struct RoleChange: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Set a person's roles (replacing the ones they had).")
        @OptionGroup var global: GlobalOptions
        @Argument var login: String
        @Argument(help: "The roles they have from now on.") var roles: [Role]
        @Option(help: "The agency, when agency is among the roles.") var agency: String?

        func run() throws {
            let session = try openSession(global)
            try guarded { try session.setRoles(login: login, roles: roles, agency: agency) }
            note("\(login): \(roles.map(\.rawValue).joined(separator: ", "))")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable a person (never deleted: the audit trail names them).")
        @OptionGroup var global: GlobalOptions
        @Argument var login: String

        func run() throws {
            let session = try openSession(global)
            try guarded { try session.disableUser(login: login) }
            note("\(login) disabled")
        }
    }
}
