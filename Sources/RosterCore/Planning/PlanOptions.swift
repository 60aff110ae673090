/// What the person asked of a plan beyond the desired state.
public struct PlanOptions: Sendable, Hashable {
    /// `--override-guards`: let the overridable guards through, recorded in the plan.
    public var overrideGuards: Bool
    /// `false` for `--no-additions`: plan removals only, whatever the policies say.
    public var additions: Bool
    /// `false`: plan on the calling thread alone, even a large desired state (which is
    /// otherwise planned on every core). The plan is the same either way.
    public var parallel: Bool

    /// Creates options; guards are enforced and additions planned by default.
    public init(overrideGuards: Bool = false, additions: Bool = true, parallel: Bool = true) {
        self.overrideGuards = overrideGuards
        self.additions = additions
        self.parallel = parallel
    }
}
