/// The guard settings of one organization as the plan was made with them, so that apply
/// evaluates the same guards on the fresh state without reading the desired-state files.
public struct PlannedPolicy: Sendable, Hashable, Codable {
    /// The most member removals.
    public var maxMemberRemovals: Int
    /// The largest share of members removed, in percent (from ``Policy/percentGuardFloor`` members).
    public var maxMemberRemovalPercent: Int
    /// The most role removals.
    public var maxRoleRemovals: Int
    /// Role name to the fewest holders after apply.
    public var minRoleHolders: [String: Int]
    /// Role name (a key of ``minRoleHolders``) to the role id it resolved to when planned:
    /// the guard counts holders by id, so a role renamed since cannot slip past it.
    public var minRoleHolderIDs: [String: String]
    /// Whether removing every member is allowed.
    public var allowEmpty: Bool
    /// The protected principals, as written.
    public var protected: [String]

    /// The guard settings of an effective policy.
    public init(_ policy: Policy, roleIDs: (String) -> String? = { _ in nil }) {
        var ids: [String: String] = [:]
        for name in policy.minRoleHolders.keys { ids[name] = roleIDs(name) }
        self.minRoleHolderIDs = ids
        self.maxMemberRemovals = policy.maxMemberRemovals
        self.maxMemberRemovalPercent = policy.maxMemberRemovalPercent
        self.maxRoleRemovals = policy.maxRoleRemovals
        self.minRoleHolders = policy.minRoleHolders
        self.allowEmpty = policy.allowEmpty
        self.protected = policy.protected.map(\.description)
    }

    enum CodingKeys: String, CodingKey {
        case protected
        case maxMemberRemovals = "max_member_removals"
        case maxMemberRemovalPercent = "max_member_removal_percent"
        case maxRoleRemovals = "max_role_removals"
        case minRoleHolders = "min_role_holders"
        case minRoleHolderIDs = "min_role_holder_ids"
        case allowEmpty = "allow_empty"
    }
}
