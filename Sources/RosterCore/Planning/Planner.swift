/// Computes the removals that bring a tenant in line with a desired state. A pure function
/// of its inputs: no file, clock, logger or network.
public enum Planner {
    /// The plan of removals for every organization whose membership the desired state manages.
    ///
    /// Organizations come in name order; in each, member removals by user id, then role
    /// removals by user id and role. Protected principals are kept and noted; declared
    /// members and roles the tenant lacks are noted as not present.
    ///
    /// - Throws: ``PlanRefusal`` when any name did not resolve (an email matching no user
    ///   or several, an unknown role, an organization not found) or a member is declared
    ///   twice: a plan is never made from a guess.
    public static func plan(
        desired: DesiredState, current: TenantState, options: PlanOptions = PlanOptions()
    ) throws(PlanRefusal) -> Plan {
        var problems = current.diagnostics.filter { $0.severity == .error }
        let located = Set(problems.compactMap(\.location))
        var organizations: [OrganizationPlan] = []
        // By name, the first of a name as `TenantState.organization(named:)` finds it: one
        // look-up per organization instead of a search through all of them.
        let byName = Dictionary(current.organizations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for spec in desired.organizations.sorted(by: { $0.name < $1.name }) {
            guard let declared = spec.members else { continue }
            guard let organization = byName[spec.name], let members = organization.members else {
                if !located.contains(spec.location) {
                    problems.append(.error("organization \"\(spec.name)\" was not read from the tenant", at: spec.location,
                                           notes: [.init("create it in Auth0 first, or fix the name")]))
                }
                continue
            }
            var builder = OrganizationPlanBuilder(
                spec: spec, organization: organization, members: members, resolution: current.resolution)
            builder.resolve(declared, knownProblems: located)
            problems += builder.problems
            organizations.append(builder.build())
        }
        if problems.containsErrors { throw PlanRefusal(diagnostics: Array(Set(problems))) }
        return Plan(desiredStateSHA256: StateDigest.of(desired), overrideGuards: options.overrideGuards,
                    organizations: organizations)
    }
}
