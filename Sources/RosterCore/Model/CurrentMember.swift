/// One member of an organization as the tenant has it, with its roles in that organization.
public struct CurrentMember: Sendable, Hashable, Codable {
    /// The Auth0 user id.
    public var userID: String
    /// The user's email, when Auth0 has one (stored as Auth0 returns it).
    public var email: String?
    /// The user's display name, when Auth0 has one.
    public var name: String?
    /// The member's roles in the organization, sorted by name then id.
    public var roles: [TenantRole]

    /// Creates a member; roles are sorted.
    public init(userID: String, email: String? = nil, name: String? = nil, roles: [TenantRole] = []) {
        self.userID = userID
        self.email = email
        self.name = name
        self.roles = roles.sorted()
    }
}
