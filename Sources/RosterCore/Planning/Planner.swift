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
        let pass = Pass(desired: desired, current: current, options: options)
        if pass.problems.containsErrors { throw PlanRefusal(diagnostics: Array(Set(pass.problems))) }
        return Plan(desiredStateSHA256: StateDigest.of(desired), overrideGuards: options.overrideGuards,
                    organizations: pass.organizations.compactMap(\.plan))
    }

    /// One planning pass over every managed organization, which never refuses: what
    /// resolved is planned, and what did not is in ``problems``. ``plan(desired:current:options:)``
    /// refuses when there are problems; a drift report lists them.
    struct Pass {
        /// One managed organization.
        struct Organization {
            /// As declared.
            var spec: OrganizationSpec
            /// Its plan, or `nil` when it was not read from the tenant.
            var plan: OrganizationPlan?
            /// What an additive policy leaves alone.
            var leftAlone: [(member: CurrentMember, role: TenantRole?)]
        }

        /// The managed organizations, by name.
        var organizations: [Organization] = []
        /// Every problem: the tenant read's errors, then the planner's own.
        var problems: [Diagnostic]

        init(desired: DesiredState, current: TenantState, options: PlanOptions = PlanOptions()) {
            problems = current.diagnostics.filter { $0.severity == .error }
            let located = Set(problems.compactMap(\.location))
            // By name, the first of a name as `TenantState.organization(named:)` finds it: one
            // look-up per organization instead of a search through all of them.
            let byName = Dictionary(current.organizations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            for position in desired.organizationOrder {
                let spec = desired.organizations[position]
                guard let declared = spec.members else { continue }
                guard let organization = byName[spec.name], let members = organization.members else {
                    if !located.contains(spec.location) {
                        problems.append(.error("organization \"\(spec.name)\" was not read from the tenant", at: spec.location,
                                               notes: [.init("create it in Auth0 first, or fix the name")]))
                    }
                    organizations.append(Organization(spec: spec, plan: nil, leftAlone: []))
                    continue
                }
                var builder = OrganizationPlanBuilder(
                    spec: spec, organization: organization, members: members, resolution: current.resolution,
                    additionsOff: !options.additions ? "--no-additions" : spec.policy.additions ? nil : "policy.additions: false")
                builder.resolve(declared, knownProblems: located)
                problems += builder.problems
                let plan = builder.build()
                organizations.append(Organization(spec: spec, plan: plan, leftAlone: builder.leftAlone))
            }
        }
    }
}
