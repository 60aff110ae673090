/// The guards of a whole plan: what blocks it and what `--override-guards` let through.
public struct GuardReview: Sendable, Hashable {
    /// Violations that refuse the plan.
    public var blocking: [GuardViolation]
    /// Overridable violations let through by the plan's `override_guards`.
    public var overridden: [GuardViolation]

    /// Evaluates every organization of a plan against the state it was planned on.
    public init(plan: Plan, current: TenantState) {
        var blocking: [GuardViolation] = []
        var overridden: [GuardViolation] = []
        for organization in plan.organizations {
            guard let state = current.organization(named: organization.name) else { continue }
            for violation in Guards.evaluate(steps: organization.steps, current: state, policy: organization.policy) {
                if violation.isOverridable, plan.overrideGuards {
                    overridden.append(violation)
                } else {
                    blocking.append(violation)
                }
            }
        }
        self.blocking = blocking
        self.overridden = overridden
    }
}
