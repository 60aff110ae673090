import Auth0Emulator
import Foundation
import RosterCore

/// Tenants and desired states built in code for the client's tests.
enum TestTenant {
    static let domain = "acme.eu.auth0.com"
    static let clientID = "roster-ci"
    static let secret = "s3cret-value-never-shown-7f3a9c"
    static let readOnlyClientID = "roster-read-only"
    static let noScopesClientID = "roster-no-scopes"

    static let allScopes = [
        "read:organizations", "read:organization_members", "read:organization_member_roles",
        "read:roles", "read:users", "delete:organization_members", "delete:organization_member_roles",
    ]

    static let roles = [
        TenantSnapshot.Role(id: "rol_admin01", name: "admin", description: "Organization admin"),
        TenantSnapshot.Role(id: "rol_billing01", name: "billing"),
        TenantSnapshot.Role(id: "rol_viewer01", name: "viewer"),
        TenantSnapshot.Role(id: "rol_viewer02", name: "viewer-extended"),
    ]

    static var clients: [TenantSnapshot.Client] {
        [
            .init(clientID: clientID, clientSecret: secret, scopes: allScopes),
            .init(clientID: readOnlyClientID, clientSecret: secret, scopes: ["read:organizations"]),
            .init(clientID: noScopesClientID, clientSecret: secret, scopes: []),
        ]
    }

    /// The user id of the n-th bulk user.
    static func userID(_ index: Int) -> String { String(format: "auth0|u%06d", index) }

    /// A tenant with `organizations` organizations `org-000`..., the i-th having
    /// `memberCount(i)` members drawn from a shared pool of users; every third member holds
    /// `viewer`, every fifth also `admin`.
    static func snapshot(
        organizations: Int, memberCount: (Int) -> Int, extraUsers: [TenantSnapshot.User] = []
    ) -> TenantSnapshot {
        let counts = (0 ..< organizations).map(memberCount)
        let pool = counts.max() ?? 0
        let users = (0 ..< pool).map {
            TenantSnapshot.User(userID: userID($0), email: "user\($0)@example.com", name: "User \($0)")
        } + extraUsers
        let orgs = counts.enumerated().map { index, count in
            TenantSnapshot.Organization(
                id: String(format: "org_%06d", index), name: String(format: "org-%03d", index),
                members: (0 ..< count).map { member in
                    var roles: [String] = []
                    if member % 3 == 0 { roles.append("rol_viewer01") }
                    if member % 5 == 0 { roles.append("rol_admin01") }
                    return TenantSnapshot.Member(userID: userID(member), roles: roles)
                })
        }
        return TenantSnapshot(domain: domain, clients: clients, roles: roles, users: users, organizations: orgs)
    }

    /// A desired state that manages the named organizations; members by user id, no roles.
    static func desired(
        organizations names: [String], members: [MemberSpec] = [], pinnedIDs: [String: String] = [:]
    ) -> DesiredState {
        DesiredState(files: ["orgs.yaml"], organizations: names.enumerated().map { index, name in
            OrganizationSpec(
                name: name, id: pinnedIDs[name], policy: .defaults, members: members,
                location: RosterCore.SourceLocation(file: "orgs.yaml", line: index * 10 + 1, column: 1))
        })
    }

    /// The state the client should read for an organization of the snapshot.
    static func expected(_ organization: TenantSnapshot.Organization, in snapshot: TenantSnapshot) -> CurrentOrganization {
        let users = Dictionary(uniqueKeysWithValues: snapshot.users.map { ($0.userID, $0) })
        let roles = Dictionary(uniqueKeysWithValues: snapshot.roles.map { ($0.id, $0.name) })
        return CurrentOrganization(id: organization.id, name: organization.name, members: organization.members.map {
            CurrentMember(
                userID: $0.userID, email: users[$0.userID]?.email, name: users[$0.userID]?.name,
                roles: $0.roles.map { TenantRole(id: $0, name: roles[$0]!) })
        })
    }
}
