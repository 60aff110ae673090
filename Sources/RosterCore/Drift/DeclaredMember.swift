/// A member as the desired state declares it, with the user id it resolved to.
public struct DeclaredMember: Sendable, Hashable, Codable {
    /// The member as written: user id or email.
    public var member: String
    /// The user id, when it resolved.
    public var userID: String?
    /// The `file:line` of the member's entry.
    public var source: String

    /// Creates a declared member.
    public init(member: String, userID: String?, source: String) {
        self.member = member
        self.userID = userID
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case member, source
        case userID = "user_id"
    }
}
