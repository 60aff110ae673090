/// The effective policy of one organization: defaults, overridden by the file's `policy`,
/// overridden by the organization's `policy`.
public struct Policy: Sendable, Hashable, Codable {
    /// Whether members not listed are removed (authoritative) or left alone (additive).
    public var members: MembershipMode
    /// Whether roles not listed for a listed member are removed or left alone.
    public var roles: MembershipMode
    /// Principals that are never removed and never stripped of roles.
    public var protected: [Principal]
    /// The most member removals one plan may hold for this organization.
    public var maxMemberRemovals: Int
    /// The largest share (percent) of current members one plan may remove, checked when the
    /// organization has at least ``percentGuardFloor`` members.
    public var maxMemberRemovalPercent: Int
    /// The most role removals one plan may hold for this organization.
    public var maxRoleRemovals: Int
    /// Role name to the fewest members that must still hold it after apply.
    public var minRoleHolders: [String: Int]
    /// Whether `members: {}` (remove every member) is allowed.
    public var allowEmpty: Bool
    /// `additions`: whether declared members and roles the tenant lacks are planned for
    /// addition (default true); false reports them as not present.
    public var additions: Bool

    /// The organization size below which the percentage guard is not checked.
    public static let percentGuardFloor = 10

    /// The defaults: authoritative, nothing protected, guards at 10 members / 25% / 25 roles.
    public static let defaults = Policy(
        members: .authoritative, roles: .authoritative, protected: [],
        maxMemberRemovals: 10, maxMemberRemovalPercent: 25, maxRoleRemovals: 25,
        minRoleHolders: [:], allowEmpty: false)

    /// Creates a policy.
    public init(
        members: MembershipMode, roles: MembershipMode, protected: [Principal],
        maxMemberRemovals: Int, maxMemberRemovalPercent: Int, maxRoleRemovals: Int,
        minRoleHolders: [String: Int], allowEmpty: Bool, additions: Bool = true
    ) {
        self.members = members
        self.roles = roles
        self.protected = protected
        self.maxMemberRemovals = maxMemberRemovals
        self.maxMemberRemovalPercent = maxMemberRemovalPercent
        self.maxRoleRemovals = maxRoleRemovals
        self.minRoleHolders = minRoleHolders
        self.allowEmpty = allowEmpty
        self.additions = additions
    }

    /// This policy with the keys that `overrides` sets replaced. `protected` is the one key
    /// that adds instead of replacing: a principal protected by the file stays protected in
    /// every organization of it.
    public func applying(_ overrides: PolicyOverrides) -> Policy {
        var result = self
        if let v = overrides.members { result.members = v }
        if let v = overrides.roles { result.roles = v }
        if let v = overrides.protected {
            var seen = Set(result.protected)
            for principal in v where seen.insert(principal).inserted {
                result.protected.append(principal)
            }
        }
        if let v = overrides.maxMemberRemovals { result.maxMemberRemovals = v }
        if let v = overrides.maxMemberRemovalPercent { result.maxMemberRemovalPercent = v }
        if let v = overrides.maxRoleRemovals { result.maxRoleRemovals = v }
        if let v = overrides.minRoleHolders { result.minRoleHolders = v }
        if let v = overrides.allowEmpty { result.allowEmpty = v }
        if let v = overrides.additions { result.additions = v }
        return result
    }
}

/// The keys one `policy` block sets; `nil` means "not set here".
public struct PolicyOverrides: Sendable, Hashable, Codable {
    /// `members:`.
    public var members: MembershipMode?
    /// `roles:`.
    public var roles: MembershipMode?
    /// `protected:`.
    public var protected: [Principal]?
    /// `max_member_removals:`.
    public var maxMemberRemovals: Int?
    /// `max_member_removal_percent:`.
    public var maxMemberRemovalPercent: Int?
    /// `max_role_removals:`.
    public var maxRoleRemovals: Int?
    /// `min_role_holders:`.
    public var minRoleHolders: [String: Int]?
    /// `allow_empty:`.
    public var allowEmpty: Bool?
    /// `additions:`.
    public var additions: Bool?

    /// An empty set of overrides.
    public init() {}
}
