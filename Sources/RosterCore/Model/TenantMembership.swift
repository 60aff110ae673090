/// Every membership of some organizations as the tenant has it, with the tenant's roles:
/// what `roster export` writes as desired state.
public struct TenantMembership: Sendable, Hashable, Codable {
    /// The organizations with their members, sorted by name.
    public var organizations: [CurrentOrganization]
    /// The tenant's roles (so that a role name two roles share is written by id).
    public var roles: [TenantRole]

    /// Creates a membership; organizations are sorted by name.
    public init(organizations: [CurrentOrganization], roles: [TenantRole]) {
        self.organizations = organizations.sorted { $0.name < $1.name }
        self.roles = roles.sorted()
    }

    /// The role names that more than one role has, or that read as a role id (`rol_...`):
    /// such roles must be written by id.
    public var rolesWrittenByID: Set<String> {
        var ids: [String: Set<String>] = [:]
        for role in roles + organizations.flatMap({ ($0.members ?? []).flatMap(\.roles) }) {
            ids[role.name, default: []].insert(role.id)
        }
        return Set(ids.filter { $0.value.count > 1 || RoleReference($0.key) != .name($0.key) }.keys)
    }
}
