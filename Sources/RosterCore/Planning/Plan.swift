import Foundation

/// A reviewed plan of additions and removals: versioned data, sorted deterministically. Its JSON field names
/// are a public contract (docs/plan-format.md); a change bumps ``currentFormatVersion``.
///
/// The planner fills in the organizations; the session stamps ``rosterVersion``,
/// ``createdAt`` and ``tenant``.
public struct Plan: Sendable, Hashable, Codable {
    /// The format version this Roster writes and reads.
    public static let currentFormatVersion = 2

    /// The plan document's format version.
    public var formatVersion: Int
    /// The Roster version that made the plan.
    public var rosterVersion: String
    /// When the plan was made (UTC, whole seconds).
    public var createdAt: Date
    /// The tenant planned against (its domain).
    public var tenant: String
    /// SHA-256 of the canonical encoding of the desired state (of ``selectedOrganizations``
    /// when set).
    public var desiredStateSHA256: String
    /// With `--org`: the organizations the plan was limited to; `nil` for all.
    public var selectedOrganizations: [String]?
    /// Whether `--override-guards` was given.
    public var overrideGuards: Bool
    /// The guard violations that `--override-guards` let through, for review.
    public var overriddenGuards: [GuardViolation]
    /// The managed organizations, by name.
    public var organizations: [OrganizationPlan]
    /// For an undo plan (``undo(planSHA256:done:createdAt:)``): the SHA-256 of the plan it
    /// takes back.
    public var undoOf: String?

    /// Creates a plan.
    public init(
        rosterVersion: String = "", createdAt: Date = Date(timeIntervalSince1970: 0), tenant: String = "",
        desiredStateSHA256: String, overrideGuards: Bool, overriddenGuards: [GuardViolation] = [],
        organizations: [OrganizationPlan]
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.rosterVersion = rosterVersion
        self.createdAt = createdAt
        self.tenant = tenant
        self.desiredStateSHA256 = desiredStateSHA256
        self.overrideGuards = overrideGuards
        self.overriddenGuards = overriddenGuards
        self.organizations = organizations
    }

    /// Every step, in order.
    public var steps: [PlanStep] { organizations.flatMap(\.steps) }
    /// Whether the plan changes anything.
    public var hasChanges: Bool { organizations.contains { !$0.steps.isEmpty } }
    /// The number of member additions.
    public var memberAdditionCount: Int { steps.filter { $0.action == .addMember }.count }
    /// The number of role additions.
    public var roleAdditionCount: Int { steps.filter { $0.action == .addRole }.count }
    /// Whether the plan adds anything.
    public var hasAdditions: Bool { steps.contains { $0.action.isAddition } }
    /// Whether the plan removes anything.
    public var hasRemovals: Bool { steps.contains { !$0.action.isAddition } }
    /// The number of member removals.
    public var memberRemovalCount: Int { steps.filter { $0.action == .removeMember }.count }
    /// The number of role removals.
    public var roleRemovalCount: Int { steps.filter { $0.action == .removeRole }.count }
    /// The number of organizations with at least one step.
    public var changedOrganizationCount: Int { organizations.filter { !$0.steps.isEmpty }.count }

    /// The organization plan with this name.
    public func organization(named name: String) -> OrganizationPlan? {
        organizations.first { $0.name == name }
    }

    enum CodingKeys: String, CodingKey {
        case tenant, organizations
        case formatVersion = "format_version"
        case rosterVersion = "roster_version"
        case createdAt = "created_at"
        case desiredStateSHA256 = "desired_state_sha256"
        case overrideGuards = "override_guards"
        case overriddenGuards = "overridden_guards"
        case undoOf = "undo_of"
        case selectedOrganizations = "selected_organizations"
    }
}
