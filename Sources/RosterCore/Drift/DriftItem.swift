/// One difference between the desired state and the tenant.
public struct DriftItem: Sendable, Hashable, Codable {
    /// The kinds of drift, in the order reports list them.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The organization is declared but the tenant has no such organization (or its
        /// pinned id names another one).
        case missingOrganization = "missing_organization"
        /// A member the tenant has and the desired state does not declare: a plan removes it.
        case undeclaredMember = "undeclared_member"
        /// A role a declared member holds and the desired state does not declare: a plan removes it.
        case undeclaredRole = "undeclared_role"
        /// A declared member who is not a member in the tenant.
        case missingMember = "missing_member"
        /// A declared role the member does not hold in the tenant.
        case missingRole = "missing_role"
        /// A declared member that did not resolve to one user (unknown or ambiguous email).
        case unresolvedMember = "unresolved_member"
        /// A declared role that no role of the tenant has.
        case unknownRole = "unknown_role"

        /// A short label for people: `undeclared member`.
        public var label: String {
            switch self {
            case .missingOrganization: return "missing organization"
            case .undeclaredMember: return "undeclared member"
            case .undeclaredRole: return "undeclared role"
            case .missingMember: return "missing member"
            case .missingRole: return "missing role"
            case .unresolvedMember: return "unresolved member"
            case .unknownRole: return "unknown role"
            }
        }
    }

    /// What differs.
    public var kind: Kind
    /// The organization's name.
    public var organization: String
    /// The member as the tenant has it (email, else user id) or as written; `nil` for
    /// organization items.
    public var member: String?
    /// The user id, when known.
    public var userID: String?
    /// The role: its name, or the id as written.
    public var role: String?
    /// What differs and what to do, for people.
    public var message: String
    /// The `file:line` concerned, when there is one.
    public var source: String?

    /// Creates an item.
    public init(kind: Kind, organization: String, member: String? = nil, userID: String? = nil, role: String? = nil,
                message: String, source: String?) {
        self.kind = kind
        self.organization = organization
        self.member = member
        self.userID = userID
        self.role = role
        self.message = message
        self.source = source
    }

    /// `undeclared member former@example.com (auth0|...)`, `missing role viewer of ravi@example.com`.
    public var headline: String {
        let who = member.map { name in userID.map { $0 == name ? name : "\(name) (\($0))" } ?? name }
        switch kind {
        case .missingOrganization: return "missing organization \(organization)"
        case .undeclaredMember, .missingMember, .unresolvedMember: return "\(kind.label) \(who ?? "?")"
        case .undeclaredRole, .missingRole: return "\(kind.label) \(role ?? "?") of \(who ?? "?")"
        case .unknownRole: return who.map { "unknown role \(role ?? "?") of \($0)" } ?? "unknown role \(role ?? "?")"
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, organization, member, role, message, source
        case userID = "user_id"
    }
}
