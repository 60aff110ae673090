/// Everything the desired-state files declare, over all files, organizations sorted by name.
public struct DesiredState: Sendable, Hashable, Codable {
    /// The files read, in the order read.
    public var files: [String]
    /// The declared organizations, sorted by name.
    public var organizations: [OrganizationSpec]

    /// Creates a desired state; organizations are sorted by name.
    public init(files: [String], organizations: [OrganizationSpec]) {
        self.files = files
        self.organizations = organizations.sorted { $0.name < $1.name }
    }

    /// The number of declared members over all managed organizations.
    public var memberCount: Int {
        organizations.reduce(0) { $0 + ($1.members?.count ?? 0) }
    }

    /// The organization with this name, if declared.
    public func organization(named name: String) -> OrganizationSpec? {
        organizations.first { $0.name == name }
    }
}

extension DesiredState {
    /// The positions of ``organizations`` in name order, without copying them (they are
    /// usually in that order already).
    public var organizationOrder: [Int] {
        let inOrder = organizations.indices.dropFirst().allSatisfy { !(organizations[$0].name < organizations[$0 - 1].name) }
        return inOrder ? Array(organizations.indices) : organizations.indices.sorted { organizations[$0].name < organizations[$1].name }
    }
}
