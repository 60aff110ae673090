/// One managed organization as the tenant has it.
public struct CurrentOrganization: Sendable, Hashable, Codable {
    /// Auth0's organization id, `org_...`.
    public var id: String
    /// The organization's `name`.
    public var name: String
    /// The members sorted by user id, or `nil` when the desired state does not manage this
    /// organization's membership (they were not read).
    public var members: [CurrentMember]?

    /// Creates an organization; members are sorted by user id.
    public init(id: String, name: String, members: [CurrentMember]?) {
        self.id = id
        self.name = name
        self.members = members?.sorted { $0.userID < $1.userID }
    }

    /// The member with this user id, if any.
    public func member(userID: String) -> CurrentMember? {
        members?.first { $0.userID == userID }
    }
}
