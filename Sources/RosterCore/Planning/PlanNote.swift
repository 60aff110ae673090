/// Something a plan reports without changing it: a protected principal kept where the file
/// would remove it, or a declared member or role the tenant does not have.
public struct PlanNote: Sendable, Hashable, Codable {
    /// The kinds of note.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A protected member the file would remove: kept.
        case keptMember = "kept_member"
        /// A protected member's role the file would remove: kept.
        case keptRole = "kept_role"
        /// A declared member who is not a member in the tenant, not added (additions are off).
        case memberNotPresent = "member_not_present"
        /// A declared role the member does not hold in the tenant.
        case roleNotPresent = "role_not_present"
    }

    /// What the note says.
    public var kind: Kind
    /// The member as written or as the tenant has it: user id or email.
    public var member: String
    /// The user id, when known.
    public var userID: String?
    /// The role, for role notes: its name, or the id as written.
    public var role: String?
    /// Why, for display.
    public var reason: String
    /// The `file:line` concerned, when there is one.
    public var source: String?

    /// Creates a note.
    public init(kind: Kind, member: String, userID: String?, role: String? = nil, reason: String, source: String?) {
        self.kind = kind
        self.member = member
        self.userID = userID
        self.role = role
        self.reason = reason
        self.source = source
    }

    /// Whether this is a "kept" note.
    public var isKept: Bool { kind == .keptMember || kind == .keptRole }

    enum CodingKeys: String, CodingKey {
        case kind, member, role, reason, source
        case userID = "user_id"
    }
}
