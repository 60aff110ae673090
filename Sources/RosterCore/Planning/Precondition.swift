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
        /// The user is not a member of the organization (an addition).
        case isNotMember = "is_not_member"
        /// The user is a member and does not hold the role (an addition; the member may be
        /// one that an earlier step of the same plan added).
        case lacksRole = "lacks_role"
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
        if kind == .isNotMember {
            return organization.member(userID: userID) == nil ? nil : "\(userID) is already a member of \(organization.name)"
        }
        guard let member = organization.member(userID: userID) else {
            if kind == .lacksRole { return "\(userID) is not a member of \(organization.name), so it cannot be given a role" }
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
        case .lacksRole:
            return held.contains(roleID ?? "") ? "\(userID) already holds the role \(roleID ?? "?")" : nil
        case .isNotMember:
            return nil
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case userID = "user_id"
        case roleID = "role_id"
        case roleIDs = "role_ids"
    }
}
