/// The removal guards: a pure policy evaluated on the states an organization would go
/// through while its steps run, in order (additions come first, so that replacing the only
/// admin never leaves an organization without one). `roster plan` evaluates them on the
/// state planned against; `roster apply` again on the fresh state, with only the steps that
/// would still run. Additions have no limits of their own.
public enum Guards {
    /// The violations of one organization's guards, sorted by guard then role.
    ///
    /// - Parameters:
    ///   - steps: the steps that would run (all of the plan's, or those whose precondition
    ///     still holds).
    ///   - current: the organization's state before the steps.
    ///   - policy: the guard settings.
    public static func evaluate(
        steps: [PlanStep], current: CurrentOrganization, policy: PlannedPolicy
    ) -> [GuardViolation] {
        let members = current.members ?? []
        let removedMembers = Set(steps.filter { $0.action == .removeMember }.map(\.userID))
        let removedRoles = Set(steps.filter { $0.action == .removeRole }.map { RoleKey(userID: $0.userID, roleID: $0.roleID ?? "") })
        let memberRemovals = members.filter { removedMembers.contains($0.userID) }.count
        let roleRemovals = members.filter { !removedMembers.contains($0.userID) }.reduce(0) { total, member in
            total + member.roles.filter { removedRoles.contains(RoleKey(userID: member.userID, roleID: $0.id)) }.count
        }
        let name = current.name
        var violations: [GuardViolation] = []

        if memberRemovals > policy.maxMemberRemovals {
            violations.append(.init(guardName: .maxMemberRemovals, organization: name, count: memberRemovals,
                                    limit: policy.maxMemberRemovals))
        }
        if members.count >= Policy.percentGuardFloor, memberRemovals * 100 > policy.maxMemberRemovalPercent * members.count {
            let percent = (memberRemovals * 100 + members.count - 1) / members.count
            violations.append(.init(guardName: .maxMemberRemovalPercent, organization: name, count: percent,
                                    limit: policy.maxMemberRemovalPercent))
        }
        if roleRemovals > policy.maxRoleRemovals {
            violations.append(.init(guardName: .maxRoleRemovals, organization: name, count: roleRemovals,
                                    limit: policy.maxRoleRemovals))
        }
        for (role, minimum) in policy.minRoleHolders.sorted(by: { $0.key < $1.key }) {
            // By the role id resolved when planned; by name only for a role that did not resolve.
            let id = policy.minRoleHolderIDs[role]
            let matches: (TenantRole) -> Bool = { held in id.map { held.id == $0 } ?? (held.name == role) }
            let (before, fewest) = holders(of: matches, steps: steps, members: members)
            // A floor the tenant is already under does not block plans that take nothing from it.
            if fewest < minimum, fewest < before {
                violations.append(.init(guardName: .minRoleHolders, organization: name, role: role, count: fewest,
                                        limit: minimum))
            }
        }
        if !policy.allowEmpty, !members.isEmpty, fewestMembers(steps: steps, members: members) == 0 {
            violations.append(.init(guardName: .allowEmpty, organization: name, count: members.count, limit: 0))
        }
        return violations
    }

    /// How many members hold a role before the steps, and the fewest that hold it in any
    /// state the steps go through, in order.
    private static func holders(
        of matches: (TenantRole) -> Bool, steps: [PlanStep], members: [CurrentMember]
    ) -> (before: Int, fewest: Int) {
        var present = Set(members.map(\.userID))
        var holding = Set(members.filter { $0.roles.contains(where: matches) }.map(\.userID))
        let before = holding.count
        var fewest = before
        for step in steps {
            let role = step.roleID.map { TenantRole(id: $0, name: step.roleName ?? $0) }
            switch step.action {
            case .addMember: present.insert(step.userID)
            case .removeMember:
                present.remove(step.userID)
                holding.remove(step.userID)
            case .addRole:
                if let role, matches(role), present.contains(step.userID) { holding.insert(step.userID) }
            case .removeRole:
                if let role, matches(role) { holding.remove(step.userID) }
            }
            fewest = min(fewest, holding.count)
        }
        return (before, fewest)
    }

    /// The fewest members in any state the steps go through, in order.
    private static func fewestMembers(steps: [PlanStep], members: [CurrentMember]) -> Int {
        var present = Set(members.map(\.userID))
        var fewest = present.count
        for step in steps {
            if step.action == .addMember { present.insert(step.userID) }
            if step.action == .removeMember { present.remove(step.userID) }
            fewest = min(fewest, present.count)
        }
        return fewest
    }

    private struct RoleKey: Hashable {
        var userID: String
        var roleID: String
    }
}
