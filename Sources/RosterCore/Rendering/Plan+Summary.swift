extension Plan {
    /// The closing line: `Plan: 1 member removal, 2 role removals in 1 organization.`, with
    /// the additions first when there are any (`Plan: 1 member addition, 0 role additions,
    /// 1 member removal, ...`), or `No changes. The tenant matches the desired state.`, or,
    /// when additions are off and declared members or roles are missing, a line that says so.
    public var summaryLine: String {
        guard hasChanges else {
            let notes = organizations.flatMap(\.notes)
            let members = notes.filter { $0.kind == .memberNotPresent }.count
            let roles = notes.filter { $0.kind == .roleNotPresent }.count
            guard members + roles > 0 else { return "No changes. The tenant matches the desired state." }
            let missing = [members > 0 ? Self.count(members, "declared member") : nil,
                           roles > 0 ? Self.count(roles, "declared role") : nil].compactMap { $0 }.joined(separator: " and ")
            return "No changes planned, but \(missing) \(members + roles == 1 ? "is" : "are") not in the tenant "
                + "(additions are off; listed above)."
        }
        let additions = hasAdditions
            ? "\(Self.count(memberAdditionCount, "member addition")), \(Self.count(roleAdditionCount, "role addition")), "
            : ""
        return "Plan: " + additions
            + "\(Self.count(memberRemovalCount, "member removal")), \(Self.count(roleRemovalCount, "role removal"))"
            + " in \(Self.count(changedOrganizationCount, "organization"))."
    }

    /// The line every rendering of an undo plan starts with.
    public var undoLine: String? {
        undoOf.map { "Undo of the plan with SHA-256 \($0): gives back what its apply changed." }
    }

    /// The line every rendering starts with when `--override-guards` was given.
    public var overrideLine: String? {
        guard overrideGuards else { return nil }
        let what = overriddenGuards.isEmpty
            ? "no guard needed it"
            : "\(Self.count(overriddenGuards.count, "guard violation")) let through"
        return "Guards overridden (--override-guards): \(what)."
    }

    /// `1 thing`, `2 things`.
    static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

extension PlanStep {
    /// `remove member former@example.com (auth0|...)`, `remove role support from ...`,
    /// `add member ...`, `add role admin to ...`.
    public var headline: String {
        let who = email.map { "\($0) (\(userID))" } ?? userID
        switch action {
        case .addMember: return "add member \(who)"
        case .addRole: return "add role \(roleName ?? roleID ?? "?") to \(who)"
        case .removeMember: return "remove member \(who)"
        case .removeRole: return "remove role \(roleName ?? roleID ?? "?") from \(who)"
        }
    }
}

extension PlanNote {
    /// `keep member ops@example.com`, `not present: member x@example.com`.
    public var headline: String {
        let who = userID.map { $0 == member ? member : "\(member) (\($0))" } ?? member
        switch kind {
        case .keptMember: return "keep member \(who)"
        case .keptRole: return "keep role \(role ?? "?") of \(who)"
        case .memberNotPresent: return "not present: member \(who)"
        case .roleNotPresent: return "not present: role \(role ?? "?") of \(who)"
        }
    }
}
