/// A role as the tenant has it: Auth0's id and its exact, case-sensitive name.
public struct TenantRole: Sendable, Hashable, Codable, Comparable {
    /// The role's id, `rol_...`.
    public var id: String
    /// The role's name.
    public var name: String

    /// Creates a role.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// Orders by name, then id, so that listings are stable.
    public static func < (lhs: TenantRole, rhs: TenantRole) -> Bool {
        (lhs.name, lhs.id) < (rhs.name, rhs.id)
    }
}
