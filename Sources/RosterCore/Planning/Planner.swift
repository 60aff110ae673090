/// Computes the removals that bring a tenant in line with a desired state. A pure function
/// of its inputs: no file, clock, logger or network.
public enum Planner {
    /// The plan for every organization whose membership the desired state manages.
    ///
    /// Organizations come in name order; in each, member additions, role additions, member
    /// removals, then role removals, each by user id (and role). Protected principals are
    /// kept and noted; declared members and roles the tenant lacks are added, or noted as
    /// not present when additions are off (`policy.additions: false`, `--no-additions`).
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
        for spec in desired.organizations.sorted(by: { $0.name < $1.name }) {
            guard let declared = spec.members else { continue }
            guard let organization = current.organization(named: spec.name), let members = organization.members else {
                if !located.contains(spec.location) {
                    problems.append(.error("organization \"\(spec.name)\" was not read from the tenant", at: spec.location,
                                           notes: [.init("create it in Auth0 first, or fix the name")]))
                }
                continue
            }
            var builder = OrganizationPlanBuilder(
                spec: spec, organization: organization, members: members, resolution: current.resolution,
                additionsOff: !options.additions ? "--no-additions" : spec.policy.additions ? nil : "policy.additions: false")
            builder.resolve(declared, knownProblems: located)
            problems += builder.problems
            organizations.append(builder.build())
        }
        if problems.containsErrors { throw PlanRefusal(diagnostics: Array(Set(problems))) }
        return Plan(desiredStateSHA256: StateDigest.of(desired), overrideGuards: options.overrideGuards,
                    organizations: organizations)
    }
}
