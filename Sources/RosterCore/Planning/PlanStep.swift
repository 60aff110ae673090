/// One change a plan holds: a member added or removed, or one role given to or taken from
/// one member.
///
/// Apply acts on ``action``, the ids and ``precondition`` only. ``reason`` and ``source`` are
/// for people: apply never branches on them.
public struct PlanStep: Sendable, Hashable, Codable {
    /// What a step does.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// `POST /organizations/{id}/members` for one user.
        case addMember = "add_member"
        /// `POST /organizations/{id}/members/{user_id}/roles` for one role.
        case addRole = "add_role"
        /// `DELETE /organizations/{id}/members` for one user.
        case removeMember = "remove_member"
        /// `DELETE /organizations/{id}/members/{user_id}/roles` for one role.
        case removeRole = "remove_role"

        /// Whether the action gives access (an addition) rather than taking it away.
        public var isAddition: Bool { self == .addMember || self == .addRole }
        /// Whether the action concerns a role rather than a membership.
        public var isRole: Bool { self == .addRole || self == .removeRole }
        /// The action that undoes this one.
        public var inverse: Action {
            switch self {
            case .addMember: return .removeMember
            case .addRole: return .removeRole
            case .removeMember: return .addMember
            case .removeRole: return .addRole
            }
        }
    }

    /// A stable identifier, unique in its plan: `organization/action/user[/role]`.
    public var id: String
    /// What the step does.
    public var action: Action
    /// The organization's name.
    public var organization: String
    /// The organization's id.
    public var organizationID: String
    /// The user the step concerns.
    public var userID: String
    /// The user's email as the tenant had it, for display.
    public var email: String?
    /// The role given or taken, for ``Action/addRole`` and ``Action/removeRole``.
    public var roleID: String?
    /// The role's name, for display.
    public var roleName: String?
    /// The roles the member held when planned, for ``Action/removeMember``: what an undo
    /// gives back.
    public var memberRoles: [TenantRole]?
    /// What must still be true for the step to run.
    public var precondition: Precondition
    /// Why the step is planned, for display only.
    public var reason: String
    /// The `file:line` that causes the step, for display only.
    public var source: String?

    /// Creates a step; the id and precondition follow from the action.
    public init(
        action: Action, organization: String, organizationID: String, userID: String, email: String?,
        role: TenantRole? = nil, memberRoles: [TenantRole] = [], reason: String, source: String?
    ) {
        self.action = action
        self.organization = organization
        self.organizationID = organizationID
        self.userID = userID
        self.email = email
        self.roleID = role?.id
        self.roleName = role?.name
        self.reason = reason
        self.source = source
        switch action {
        case .addMember:
            self.id = "\(organization)/add_member/\(userID)"
            self.precondition = Precondition(kind: .isNotMember, userID: userID, roleID: nil, roleIDs: nil)
        case .addRole:
            self.id = "\(organization)/add_role/\(userID)/\(role?.id ?? "")"
            self.precondition = Precondition(kind: .lacksRole, userID: userID, roleID: role?.id, roleIDs: nil)
        case .removeMember:
            let roles = memberRoles.sorted { $0.id < $1.id }
            self.id = "\(organization)/remove_member/\(userID)"
            self.memberRoles = roles
            self.precondition = Precondition(kind: .isMember, userID: userID, roleID: nil, roleIDs: roles.map(\.id))
        case .removeRole:
            self.id = "\(organization)/remove_role/\(userID)/\(role?.id ?? "")"
            self.precondition = Precondition(kind: .holdsRole, userID: userID, roleID: role?.id, roleIDs: nil)
        }
    }

    /// The order of steps of one action in a plan: by user id, then role name and role id.
    public static func inPlanOrder(_ a: PlanStep, _ b: PlanStep) -> Bool {
        (a.userID, a.roleName ?? "", a.roleID ?? "") < (b.userID, b.roleName ?? "", b.roleID ?? "")
    }

    /// The member as people read it: the email when known, else the user id.
    public var memberLabel: String { email ?? userID }

    enum CodingKeys: String, CodingKey {
        case id, action, organization, reason, source, email, precondition
        case organizationID = "organization_id"
        case userID = "user_id"
        case roleID = "role_id"
        case roleName = "role_name"
        case memberRoles = "member_roles"
    }
}
