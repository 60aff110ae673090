/// The current state of the organizations a desired state manages, as read from the tenant,
/// with what the desired state's names resolved to and the problems found while resolving.
///
/// A pure value: organizations are sorted by name and diagnostics by location, so two reads
/// of the same tenant are equal whatever order the requests completed in.
public struct TenantState: Sendable, Hashable, Codable {
    /// The managed organizations that were found, sorted by name.
    public var organizations: [CurrentOrganization]
    /// Role names and member emails resolved against the tenant.
    public var resolution: Resolution
    /// Problems located at the desired-state entry that caused them (unknown role, email
    /// matching no user or several, pinned id mismatch, organization not found), sorted.
    public var diagnostics: [Diagnostic]

    /// Creates a state; organizations and diagnostics are sorted.
    public init(organizations: [CurrentOrganization], resolution: Resolution, diagnostics: [Diagnostic]) {
        self.organizations = organizations.sorted { $0.name < $1.name }
        self.resolution = resolution
        self.diagnostics = diagnostics.sorted()
    }

    /// The organization with this name, if it was found.
    public func organization(named name: String) -> CurrentOrganization? {
        organizations.first { $0.name == name }
    }
}
