import RosterCore

/// A plan that trips guards: shown for review, never written.
public struct GuardsTripped: Error, Sendable {
    /// The plan as it would be.
    public var plan: Plan
    /// The guards it trips.
    public var violations: [GuardViolation]

    /// The session error to report.
    public var error: SessionError { .guardsTripped(violations) }
}
