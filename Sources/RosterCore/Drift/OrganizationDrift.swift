/// The drift of one managed organization: its declared members, what differs, and what is
/// shown without being drift (protected principals, what an additive policy leaves alone).
public struct OrganizationDrift: Sendable, Hashable, Codable {
    /// The organization's name as declared.
    public var name: String
    /// Its id in the tenant, or `nil` when it was not found.
    public var id: String?
    /// The `file:line` of its declaration.
    public var source: String
    /// How many members the tenant has, or `nil` when it was not found.
    public var memberCount: Int?
    /// The declared members, in file order.
    public var members: [DeclaredMember]
    /// The differences: organization problems, then by member and kind.
    public var drift: [DriftItem]
    /// Protected principals kept and what additive policies leave alone, by user id.
    public var notes: [DriftNote]

    /// Creates an organization's drift.
    public init(name: String, id: String?, source: String, memberCount: Int?, members: [DeclaredMember],
                drift: [DriftItem], notes: [DriftNote]) {
        self.name = name
        self.id = id
        self.source = source
        self.memberCount = memberCount
        self.members = members
        self.drift = drift
        self.notes = notes
    }

    /// The drift items that concern a declared member: by user id, or by the member as written.
    public func items(of member: DeclaredMember) -> [DriftItem] {
        drift.filter { item in
            item.kind != .undeclaredMember
                && ((member.userID != nil && item.userID == member.userID) || item.member == member.member)
        }
    }

    /// The drift items that concern no declared member (undeclared members, the organization).
    public var otherItems: [DriftItem] {
        drift.filter { item in !members.contains { items(of: $0).contains(item) } }
    }

    enum CodingKeys: String, CodingKey {
        case name, id, source, members, drift, notes
        case memberCount = "member_count"
    }
}
