/// What the person asked of a plan beyond the desired state.
public struct PlanOptions: Sendable, Hashable {
    /// `--override-guards`: let the overridable guards through, recorded in the plan.
    public var overrideGuards: Bool
    /// `false` for `--no-additions`: plan removals only, whatever the policies say.
    public var additions: Bool
    /// At most this many cores for planning a large desired state; `nil` for all of them.
    /// The plan is the same whatever the number.
    public var cores: Int?

    /// Creates options; guards are enforced and additions planned by default.
    public init(overrideGuards: Bool = false, additions: Bool = true, cores: Int? = nil) {
        self.overrideGuards = overrideGuards
        self.additions = additions
        self.cores = cores
    }
}
