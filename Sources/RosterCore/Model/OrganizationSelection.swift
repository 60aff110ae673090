/// The organizations a run is limited to (`--org NAME`, repeatable), or all of them.
/// Large tenants split their work across parallel pipeline jobs with it.
public struct OrganizationSelection: Sendable, Hashable {
    /// The names selected, sorted; empty means every organization.
    public var names: [String]

    /// Every organization.
    public static let all = OrganizationSelection([])

    /// Selects these names (duplicates ignored); none selects every organization.
    public init(_ names: [String]) {
        self.names = Array(Set(names)).sorted()
    }

    /// Whether every organization is selected.
    public var isAll: Bool { names.isEmpty }

    /// Whether the organization with this name is selected.
    public func contains(_ name: String) -> Bool { isAll || names.contains(name) }

    /// The desired state limited to the selection, and the selected names it does not declare.
    public func apply(to desired: DesiredState) -> (state: DesiredState, unknown: [String]) {
        let declared = Set(desired.organizations.map(\.name))
        return (DesiredState(files: desired.files, organizations: desired.organizations.filter { contains($0.name) }),
                names.filter { !declared.contains($0) })
    }

    /// The plan limited to the selection, and the selected names it does not hold.
    public func apply(to plan: Plan) -> (plan: Plan, unknown: [String]) {
        let planned = Set(plan.organizations.map(\.name))
        var limited = plan
        limited.organizations = plan.organizations.filter { contains($0.name) }
        return (limited, names.filter { !planned.contains($0) })
    }
}
