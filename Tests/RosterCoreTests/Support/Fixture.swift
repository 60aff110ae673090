import Foundation
@testable import RosterCore

/// Desired and current states built in code, named after what they show.
enum Fixture {
    static let admin = TenantRole(id: "rol_admin", name: "admin")
    static let viewer = TenantRole(id: "rol_viewer", name: "viewer")
    static let billing = TenantRole(id: "rol_billing", name: "billing")
    static let resolution = Resolution(
        roleIDsByName: ["admin": "rol_admin", "viewer": "rol_viewer", "billing": "rol_billing"],
        userIDsByEmail: ["ann@example.com": "auth0|ann", "bob@example.com": "auth0|bob"])

    static func at(_ line: Int) -> SourceLocation { SourceLocation(file: "orgs/acme.yaml", line: line, column: 3) }

    static func member(_ key: String, _ roles: [String]?, line: Int = 10) -> MemberSpec {
        MemberSpec(principal: Principal(parsing: key)!, roles: roles?.map(RoleReference.init), location: at(line))
    }

    static func policy(
        members: MembershipMode = .authoritative, roles: MembershipMode = .authoritative, protected: [String] = [],
        maxMembers: Int = 10, percent: Int = 25, maxRoles: Int = 25, minHolders: [String: Int] = [:], allowEmpty: Bool = false
    ) -> Policy {
        Policy(members: members, roles: roles, protected: protected.map { Principal(parsing: $0)! },
               maxMemberRemovals: maxMembers, maxMemberRemovalPercent: percent, maxRoleRemovals: maxRoles,
               minRoleHolders: minHolders, allowEmpty: allowEmpty)
    }

    static func desired(_ members: [MemberSpec]?, policy: Policy = Fixture.policy(), name: String = "acme") -> DesiredState {
        DesiredState(files: ["orgs/acme.yaml"], organizations: [
            OrganizationSpec(name: name, id: nil, policy: policy, members: members, location: at(4)),
        ])
    }

    static func current(_ members: [CurrentMember], name: String = "acme", diagnostics: [Diagnostic] = []) -> TenantState {
        TenantState(organizations: [CurrentOrganization(id: "org_1", name: name, members: members)],
                    resolution: resolution, diagnostics: diagnostics)
    }

    static func tenantMember(_ id: String, _ roles: [TenantRole] = [], email: String? = nil) -> CurrentMember {
        CurrentMember(userID: id, email: email, roles: roles)
    }

    /// `count` members `auth0|m000`..., the first `admins` holding admin.
    static func members(_ count: Int, admins: Int = 0, roles: [TenantRole] = []) -> [CurrentMember] {
        (0 ..< count).map { index in
            CurrentMember(userID: String(format: "auth0|m%03d", index), roles: (index < admins ? [admin] : []) + roles)
        }
    }

    /// A plan's step ids, in order.
    static func stepIDs(_ plan: Plan) -> [String] { plan.steps.map(\.id) }
}
