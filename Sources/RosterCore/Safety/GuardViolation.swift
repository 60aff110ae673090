/// A guard that a plan trips in one organization, with its counts and what to do.
public struct GuardViolation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The guards, by their `policy` key.
    public enum Guard: String, Sendable, Hashable, Codable, CaseIterable {
        /// `max_member_removals`.
        case maxMemberRemovals = "max_member_removals"
        /// `max_member_removal_percent`.
        case maxMemberRemovalPercent = "max_member_removal_percent"
        /// `max_role_removals`.
        case maxRoleRemovals = "max_role_removals"
        /// `min_role_holders`: never overridable.
        case minRoleHolders = "min_role_holders"
        /// `allow_empty`: removing every member; never overridable by a flag.
        case allowEmpty = "allow_empty"

        /// Whether `--override-guards` lets a violation of this guard through. The role-holder
        /// floor and the empty organization are changed only in the reviewed files.
        public var isOverridable: Bool {
            switch self {
            case .maxMemberRemovals, .maxMemberRemovalPercent, .maxRoleRemovals: return true
            case .minRoleHolders, .allowEmpty: return false
            }
        }
    }

    /// Which guard.
    public var guardName: Guard
    /// The organization.
    public var organization: String
    /// The role, for ``Guard/minRoleHolders``.
    public var role: String?
    /// What the plan would do: removals, percent removed, or holders left.
    public var count: Int
    /// The limit it crosses.
    public var limit: Int

    /// Creates a violation.
    public init(guardName: Guard, organization: String, role: String? = nil, count: Int, limit: Int) {
        self.guardName = guardName
        self.organization = organization
        self.role = role
        self.count = count
        self.limit = limit
    }

    /// Whether `--override-guards` lets it through.
    public var isOverridable: Bool { guardName.isOverridable }

    /// What the guard found, in one sentence.
    public var summary: String {
        switch guardName {
        case .maxMemberRemovals:
            return "\(organization): \(count) member removals, over max_member_removals \(limit)"
        case .maxMemberRemovalPercent:
            return "\(organization): \(count)% of the members removed, over max_member_removal_percent \(limit)"
        case .maxRoleRemovals:
            return "\(organization): \(count) role removals, over max_role_removals \(limit)"
        case .minRoleHolders:
            return "\(organization): \(count) members would hold \(role ?? "?") after apply, under min_role_holders \(limit)"
        case .allowEmpty:
            return "\(organization): every one of its \(count) members would be removed, and allow_empty is false"
        }
    }

    /// The summary and what to do about it.
    public var description: String {
        switch guardName {
        case .maxMemberRemovals, .maxMemberRemovalPercent, .maxRoleRemovals:
            return summary + "; raise \(guardName.rawValue) in the organization's policy, or review the plan and "
                + "pass --override-guards"
        case .minRoleHolders:
            return summary + "; keep more holders of \(role ?? "the role") in the file (this guard cannot be overridden)"
        case .allowEmpty:
            return summary + "; if that is meant, set allow_empty: true in the organization's policy "
                + "(--override-guards does not lift it)"
        }
    }

    enum CodingKeys: String, CodingKey {
        case organization, role, count, limit
        case guardName = "guard"
    }
}
