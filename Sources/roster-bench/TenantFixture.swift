import Auth0Emulator

/// A desired state and the emulated tenant it is planned against, generated together so
/// that the plan and its request count are known in advance.
///
/// Every organization has `members` declared members by user id with 1 to 3 roles; the
/// tenant holds `members` current members. The shape of the difference depends on the
/// scenario (see ``plan(organizations:members:)`` and ``apply(organizations:)``).
struct TenantFixture {
    static let domain = "bench.eu.auth0.com"
    static let clientID = "roster-bench"
    static let clientSecret = "roster-bench-secret"
    static let scopes = [
        "read:organizations", "read:organization_members", "read:organization_member_roles",
        "read:roles", "read:users", "delete:organization_members", "delete:organization_member_roles",
    ]
    static let roles = DesiredStateGenerator.roles

    /// The YAML desired state (one file).
    var yaml: [UInt8]
    /// The tenant.
    var snapshot: TenantSnapshot
    /// The current member count of each organization.
    var memberCounts: [Int]
    /// Member removals and role removals the plan must hold.
    var memberRemovals: Int
    var roleRemovals: Int
    /// Per organization: members losing roles (one call each) and members removed.
    var roleStripped: [Int]
    var removed: [Int]

    static func roleID(_ name: String) -> String { "rol_\(name)" }
    static func organizationName(_ index: Int) -> String { "org-" + pad(index, 6) }
    static func userID(_ organization: Int, _ member: Int) -> String { "auth0|m\(pad(organization, 6))-\(pad(member, 6))" }

    /// For a plan: the tenant matches the files but for one undeclared member in place of the
    /// last declared one in each organization (1% of members) and an extra role on every
    /// 20th member (5%): `organizations` member removals and `5 x organizations` role removals.
    static func plan(organizations: Int, members: Int) -> TenantFixture {
        var yaml = "version: 1\norganizations:\n"
        var users: [TenantSnapshot.User] = []
        var orgs: [TenantSnapshot.Organization] = []
        var roleRemovals = 0
        for org in 0 ..< organizations {
            yaml += "  \(organizationName(org)):\n    members:\n"
            var current: [TenantSnapshot.Member] = []
            for member in 0 ..< members {
                let id = userID(org, member)
                let declared = (0 ..< 1 + member % 3).map { roles[(member + $0 * 2) % roles.count] }
                yaml += "      \(id): [\(declared.joined(separator: ", "))]\n"
                guard member < members - 1 else { continue }
                var held = declared.map(roleID)
                if member % 20 == 0 {
                    held.append(roleID(roles.first { !declared.contains($0) }!))
                    roleRemovals += 1
                }
                users.append(.init(userID: id))
                current.append(.init(userID: id, roles: held))
            }
            let former = "auth0|former-\(pad(org, 6))"
            users.append(.init(userID: former))
            current.append(.init(userID: former, roles: [roleID("viewer")]))
            orgs.append(.init(id: "org_" + pad(org, 16), name: organizationName(org), members: current))
        }
        return TenantFixture(
            yaml: Array(yaml.utf8), snapshot: snapshot(users: users, organizations: orgs),
            memberCounts: orgs.map(\.members.count), memberRemovals: organizations, roleRemovals: roleRemovals,
            roleStripped: [], removed: [])
    }

    /// For an apply: in each organization 100 declared members (role `viewer`) and 100
    /// undeclared ones, 25 declared members of which hold 4 undeclared roles: 100 member
    /// removals and 100 role removals per organization.
    static func apply(organizations: Int) -> TenantFixture {
        var yaml = """
            version: 1
            policy:
              max_member_removals: 100
              max_member_removal_percent: 50
              max_role_removals: 100
            organizations:

            """
        var users: [TenantSnapshot.User] = []
        var orgs: [TenantSnapshot.Organization] = []
        let extra = ["admin", "billing", "support", "auditor"].map(roleID)
        for org in 0 ..< organizations {
            yaml += "  \(organizationName(org)):\n    members:\n"
            var current: [TenantSnapshot.Member] = []
            for member in 0 ..< 200 {
                let id = userID(org, member)
                users.append(.init(userID: id))
                if member < 100 { yaml += "      \(id): [viewer]\n" }
                current.append(.init(userID: id, roles: [roleID("viewer")] + (member % 4 == 0 && member < 100 ? extra : [])))
            }
            orgs.append(.init(id: "org_" + pad(org, 16), name: organizationName(org), members: current))
        }
        return TenantFixture(
            yaml: Array(yaml.utf8), snapshot: snapshot(users: users, organizations: orgs),
            memberCounts: orgs.map(\.members.count), memberRemovals: 100 * organizations,
            roleRemovals: 100 * organizations, roleStripped: Array(repeating: 25, count: organizations),
            removed: Array(repeating: 100, count: organizations))
    }

    private static func snapshot(users: [TenantSnapshot.User], organizations: [TenantSnapshot.Organization]) -> TenantSnapshot {
        TenantSnapshot(
            domain: domain, clients: [.init(clientID: clientID, clientSecret: clientSecret, scopes: scopes)],
            roles: roles.map { .init(id: roleID($0), name: $0) }, users: users, organizations: organizations)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
