import RosterCore

/// What a command does with the tenant, and so which Management API scopes its token needs.
public enum ManagementOperation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `roster plan`: read organizations, members with their roles, roles and users by email.
    case plan
    /// `roster apply` of a plan of removals: what plan reads, plus removing members and member
    /// roles. ``scopes(forApplying:)`` gives the scopes of a given plan.
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

    /// The scopes applying steps of these kinds needs, sorted: the read scopes (apply reads
    /// each organization again before changing it) and one write scope per kind, so that a
    /// plan of removals never asks for `create:` scopes, nor a plan of additions for `delete:`.
    public static func scopes(forApplying actions: Set<PlanStep.Action>) -> [String] {
        var scopes = Set(readScopes)
        for action in actions {
            switch action {
            case .addMember: scopes.insert("create:organization_members")
            case .addRole: scopes.insert("create:organization_member_roles")
            case .removeMember: scopes.insert("delete:organization_members")
            case .removeRole: scopes.insert("delete:organization_member_roles")
            }
        }
        return scopes.sorted()
    }

    /// `plan` or `apply`.
    public var description: String { rawValue }
}
