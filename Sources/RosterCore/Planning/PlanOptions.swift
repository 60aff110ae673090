/// What the person asked of a plan beyond the desired state.
public struct PlanOptions: Sendable, Hashable {
    /// `--override-guards`: let the overridable guards through, recorded in the plan.
    public var overrideGuards: Bool

    /// Creates options; guards are enforced by default.
    public init(overrideGuards: Bool = false) {
        self.overrideGuards = overrideGuards
    }
}
