/// One organization as the desired state declares it.
public struct OrganizationSpec: Sendable, Hashable, Codable {
    /// The organization's `name` in Auth0.
    public var name: String
    /// The organization's id, when the file pins one; it must match the tenant's.
    public var id: String?
    /// The effective policy (defaults, then the file's, then the organization's).
    public var policy: Policy
    /// The declared members in file order, or `nil` when membership is not managed.
    public var members: [MemberSpec]?
    /// Where the organization's key is.
    public var location: SourceLocation

    /// Creates an organization.
    public init(name: String, id: String?, policy: Policy, members: [MemberSpec]?,
                location: SourceLocation) {
        self.name = name
        self.id = id
        self.policy = policy
        self.members = members
        self.location = location
    }
}
