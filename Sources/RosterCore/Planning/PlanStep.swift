/// One change a plan holds: a member removal or the removal of one role from one member.
///
/// Apply acts on ``action``, the ids and ``precondition`` only. ``reason`` and ``source`` are
/// for people: apply never branches on them.
public struct PlanStep: Sendable, Hashable, Codable {
    /// What a step does.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// `DELETE /organizations/{id}/members` for one user.
        case removeMember = "remove_member"
        /// `DELETE /organizations/{id}/members/{user_id}/roles` for one role.
        case removeRole = "remove_role"
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
    /// The role removed, for ``Action/removeRole``.
    public var roleID: String?
    /// The role's name, for display.
    public var roleName: String?
    /// What must still be true for the step to run.
    public var precondition: Precondition
    /// Why the step is planned, for display only.
    public var reason: String
    /// The `file:line` that causes the step, for display only.
    public var source: String?

    /// Creates a step; the id and precondition follow from the action.
    public init(
        action: Action, organization: String, organizationID: String, userID: String, email: String?,
        role: TenantRole? = nil, memberRoleIDs: [String] = [], reason: String, source: String?
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
        case .removeMember:
            self.id = "\(organization)/remove_member/\(userID)"
            self.precondition = Precondition(kind: .isMember, userID: userID, roleID: nil, roleIDs: memberRoleIDs.sorted())
        case .removeRole:
            self.id = "\(organization)/remove_role/\(userID)/\(role?.id ?? "")"
            self.precondition = Precondition(kind: .holdsRole, userID: userID, roleID: role?.id, roleIDs: nil)
        }
    }

    /// The member as people read it: the email when known, else the user id.
    public var memberLabel: String { email ?? userID }

    enum CodingKeys: String, CodingKey {
        case id, action, organization, reason, source, email, precondition
        case organizationID = "organization_id"
        case userID = "user_id"
        case roleID = "role_id"
        case roleName = "role_name"
    }
}
