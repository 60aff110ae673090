/// What the names in the desired state stand for in the tenant: role names to role ids and
/// member emails to user ids. Only names that resolved to exactly one thing are here; the
/// others are diagnostics in ``TenantState/diagnostics``.
public struct Resolution: Sendable, Hashable, Codable {
    /// Role name (exact, case-sensitive) to role id.
    public var roleIDsByName: [String: String]
    /// Email (as written) to the one user id that has it.
    public var userIDsByEmail: [String: String]

    /// Creates a resolution.
    public init(roleIDsByName: [String: String] = [:], userIDsByEmail: [String: String] = [:]) {
        self.roleIDsByName = roleIDsByName
        self.userIDsByEmail = userIDsByEmail
    }

    /// The user id a principal stands for, when known.
    public func userID(for principal: Principal) -> String? {
        switch principal {
        case .userID(let id): return id
        case .email(let email): return userIDsByEmail[email]
        }
    }

    /// The role id a role reference stands for, when known.
    public func roleID(for reference: RoleReference) -> String? {
        switch reference {
        case .id(let id): return id
        case .name(let name): return roleIDsByName[name]
        }
    }
}
