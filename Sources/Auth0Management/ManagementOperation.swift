/// What a command does with the tenant, and so which Management API scopes its token needs.
public enum ManagementOperation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `roster plan`: read organizations, members with their roles, roles and users by email.
    case plan
    /// `roster apply`: what plan reads, plus removing members and member roles.
    case apply

    /// The read scopes every command needs.
    public static let readScopes = [
        "read:organizations", "read:organization_members", "read:organization_member_roles",
        "read:roles", "read:users",
    ]

    /// The scopes this operation needs, sorted.
    public var requiredScopes: [String] {
        switch self {
        case .plan: return Self.readScopes.sorted()
        case .apply:
            return (Self.readScopes + ["delete:organization_members", "delete:organization_member_roles"]).sorted()
        }
    }

    /// `plan` or `apply`.
    public var description: String { rawValue }
}
