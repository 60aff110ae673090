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

/// What a step relies on: checked against the tenant just before the step runs
/// (compare-and-swap). A step whose precondition no longer holds is skipped and reported.
public struct Precondition: Sendable, Hashable, Codable {
    /// The kinds of precondition.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The user is a member of the organization and holds exactly ``Precondition/roleIDs``:
        /// a member re-added with other roles is not the membership that was reviewed.
        case isMember = "is_member"
        /// The user is a member and holds the role in the organization.
        case holdsRole = "holds_role"
    }

    /// Which fact the step relies on.
    public var kind: Kind
    /// The user.
    public var userID: String
    /// The role, for ``Kind/holdsRole``.
    public var roleID: String?
    /// The member's roles when planned, sorted, for ``Kind/isMember``.
    public var roleIDs: [String]?

    /// Creates a precondition.
    public init(kind: Kind, userID: String, roleID: String?, roleIDs: [String]?) {
        self.kind = kind
        self.userID = userID
        self.roleID = roleID
        self.roleIDs = roleIDs
    }

    /// Whether the precondition holds in an organization's current state.
    public func holds(in organization: CurrentOrganization) -> Bool {
        failure(in: organization) == nil
    }

    /// Why the precondition does not hold, or `nil` when it does.
    public func failure(in organization: CurrentOrganization) -> String? {
        guard let member = organization.member(userID: userID) else {
            return "\(userID) is no longer a member of \(organization.name)"
        }
        let held = member.roles.map(\.id).sorted()
        switch kind {
        case .isMember:
            guard let planned = roleIDs, planned != held else { return nil }
            let now = member.roles.map(\.name).joined(separator: ", ")
            return "the roles of \(userID) changed since the plan (now: \(now.isEmpty ? "none" : now)); plan again"
        case .holdsRole:
            return held.contains(roleID ?? "") ? nil : "\(userID) no longer holds the role \(roleID ?? "?")"
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case userID = "user_id"
        case roleID = "role_id"
        case roleIDs = "role_ids"
    }
}
