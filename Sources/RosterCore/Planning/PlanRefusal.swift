/// Why no plan can be made: problems in resolving the desired state against the tenant,
/// each located at the entry that causes it. Roster plans nothing from a guess.
public struct PlanRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, sorted by location.
    public var diagnostics: [Diagnostic]

    /// Creates a refusal.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    /// Every problem, compiler style, then what happened.
    public var description: String {
        (diagnostics.map(\.renderedText) + ["no plan: fix the problems above, then plan again; nothing was changed"])
            .joined(separator: "\n")
    }
}
