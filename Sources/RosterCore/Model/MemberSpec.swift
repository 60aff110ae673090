/// One member as the desired state declares it.
public struct MemberSpec: Sendable, Hashable, Codable {
    /// The user, by id or email.
    public var principal: Principal
    /// The roles the member should hold, or `nil` when the member's roles are not managed.
    /// An empty array means "no roles".
    public var roles: [RoleReference]?
    /// Where the member's key is; problems with its roles are reported here too.
    public var location: SourceLocation

    /// Creates a member.
    public init(principal: Principal, roles: [RoleReference]?, location: SourceLocation) {
        self.principal = principal
        self.roles = roles
        self.location = location
    }
}
