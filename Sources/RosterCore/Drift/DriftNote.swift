/// Something a drift report shows that is not drift: a protected principal kept where the
/// file would remove it, or what an additive policy leaves alone.
public struct DriftNote: Sendable, Hashable, Codable {
    /// The kinds of note.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A protected member the file does not declare: never removed.
        case protectedMember = "protected_member"
        /// A protected member's role the file does not declare: never removed.
        case protectedRole = "protected_role"
        /// A member not declared in an organization whose `members` policy is additive.
        case additiveMember = "additive_member"
        /// A role not declared for a member in an organization whose `roles` policy is additive.
        case additiveRole = "additive_role"
    }

    /// What the note says.
    public var kind: Kind
    /// The member as the tenant has it: email, else user id.
    public var member: String
    /// The user id.
    public var userID: String?
    /// The role, for role notes.
    public var role: String?
    /// Why, for people.
    public var message: String

    /// Creates a note.
    public init(kind: Kind, member: String, userID: String?, role: String? = nil, message: String) {
        self.kind = kind
        self.member = member
        self.userID = userID
        self.role = role
        self.message = message
    }

    /// `protected member ops@example.com (auth0|breakglass)`, `additive: role x of y`.
    public var headline: String {
        let who = userID.map { $0 == member ? member : "\(member) (\($0))" } ?? member
        switch kind {
        case .protectedMember: return "protected member \(who)"
        case .protectedRole: return "protected role \(role ?? "?") of \(who)"
        case .additiveMember: return "left alone (additive) member \(who)"
        case .additiveRole: return "left alone (additive) role \(role ?? "?") of \(who)"
        }
    }

    /// Whether this is a protection note.
    public var isProtection: Bool { kind == .protectedMember || kind == .protectedRole }

    enum CodingKeys: String, CodingKey {
        case kind, member, role, message
        case userID = "user_id"
    }
}
