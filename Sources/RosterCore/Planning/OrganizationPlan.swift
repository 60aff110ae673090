/// The part of a plan for one organization: its steps in order, what is kept and what is
/// not present, and the state it was planned against.
public struct OrganizationPlan: Sendable, Hashable, Codable {
    /// The organization's name.
    public var name: String
    /// The organization's id.
    public var id: String
    /// SHA-256 of the canonical encoding of the members and roles planned against.
    public var stateSHA256: String
    /// How many members the organization had when planned.
    public var memberCount: Int
    /// The guard settings planned with.
    public var policy: PlannedPolicy
    /// Member additions, role additions, member removals, then role removals, each by user
    /// id (and role).
    public var steps: [PlanStep]
    /// Protected principals kept, then declared members and roles not present.
    public var notes: [PlanNote]

    /// Creates an organization plan.
    public init(name: String, id: String, stateSHA256: String, memberCount: Int, policy: PlannedPolicy,
                steps: [PlanStep], notes: [PlanNote]) {
        self.name = name
        self.id = id
        self.stateSHA256 = stateSHA256
        self.memberCount = memberCount
        self.policy = policy
        self.steps = steps
        self.notes = notes
    }

    /// The member additions.
    public var memberAdditions: [PlanStep] { steps.filter { $0.action == .addMember } }
    /// The role additions.
    public var roleAdditions: [PlanStep] { steps.filter { $0.action == .addRole } }
    /// The member removals.
    public var memberRemovals: [PlanStep] { steps.filter { $0.action == .removeMember } }
    /// The role removals.
    public var roleRemovals: [PlanStep] { steps.filter { $0.action == .removeRole } }

    enum CodingKeys: String, CodingKey {
        case name, id, policy, steps, notes
        case stateSHA256 = "state_sha256"
        case memberCount = "member_count"
    }
}
