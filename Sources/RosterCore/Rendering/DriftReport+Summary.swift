extension DriftReport {
    /// The closing line: `Drift: 3 items in 1 organization (1 undeclared member, ...).` or
    /// `In sync. The tenant matches the desired state.`
    public var summaryLine: String {
        guard !inSync else { return "In sync. The tenant matches the desired state." }
        let kinds = countsByKind.map { Plan.count($0.count, $0.kind.label) }.joined(separator: ", ")
        return "Drift: \(Plan.count(items.count, "item")) in \(Plan.count(driftedOrganizationCount, "organization")) (\(kinds))."
    }
}

extension DriftItem.Kind {
    /// The marker of text renderings: `-` removed by a plan, `+` missing from the tenant,
    /// `!` cannot be planned until fixed.
    var marker: String {
        switch self {
        case .undeclaredMember, .undeclaredRole: return "-"
        case .missingMember, .missingRole: return "+"
        case .missingOrganization, .unresolvedMember, .unknownRole: return "!"
        }
    }
}
