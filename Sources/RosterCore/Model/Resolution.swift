/// What the names in the desired state stand for in the tenant: role names to role ids and
/// member emails to user ids. Only names that resolved to exactly one thing are here; the
/// others are diagnostics in ``TenantState/diagnostics``.
public struct Resolution: Sendable, Hashable, Codable {
    /// Role name (exact, case-sensitive) to role id.
    public var roleIDsByName: [String: String]
    /// Email (as written) to the one user id that has it.
    public var userIDsByEmail: [String: String]
    /// Role ids the tenant was found to have (those written as `rol_...` ids, and those
    /// names resolved to), to the role's name.
    public var roleNamesByID: [String: String]

    /// Creates a resolution.
    public init(roleIDsByName: [String: String] = [:], userIDsByEmail: [String: String] = [:],
                roleNamesByID: [String: String] = [:]) {
        self.roleIDsByName = roleIDsByName
        self.userIDsByEmail = userIDsByEmail
        self.roleNamesByID = roleNamesByID
    }

    private enum CodingKeys: String, CodingKey {
        case roleIDsByName, userIDsByEmail, roleNamesByID
    }

    /// Reads a resolution; one written before ``roleNamesByID`` existed has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        roleIDsByName = try container.decode([String: String].self, forKey: .roleIDsByName)
        userIDsByEmail = try container.decode([String: String].self, forKey: .userIDsByEmail)
        roleNamesByID = try container.decodeIfPresent([String: String].self, forKey: .roleNamesByID) ?? [:]
    }

    /// The user id a principal stands for, when known.
    public func userID(for principal: Principal) -> String? {
        switch principal {
        case .userID(let id): return id
        case .email(let email): return userIDsByEmail[email]
        }
    }

    /// The role id a role reference stands for, when known: a name the tenant has, or an
    /// id the tenant has (a mistyped `rol_` id stands for nothing).
    public func roleID(for reference: RoleReference) -> String? {
        switch reference {
        case .id(let id): return roleNamesByID[id] != nil || roleIDsByName.values.contains(id) ? id : nil
        case .name(let name): return roleIDsByName[name]
        }
    }

    /// The name of a role the tenant has, by id.
    public func roleName(forID id: String) -> String? {
        roleNamesByID[id] ?? roleIDsByName.first { $0.value == id }?.key
    }
}
