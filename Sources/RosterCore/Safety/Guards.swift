/// The removal guards: a pure policy evaluated on the state an organization would have
/// after its steps ran. `roster plan` evaluates them on the state planned against;
/// `roster apply` again on the fresh state, with only the steps that would still run.
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
            var before = 0, after = 0
            for member in members {
                // By the role id resolved when planned; by name only for a role that did not resolve.
                let id = policy.minRoleHolderIDs[role]
                guard let held = member.roles.first(where: { held in id.map { held.id == $0 } ?? (held.name == role) }) else { continue }
                before += 1
                if removedMembers.contains(member.userID) { continue }
                if removedRoles.contains(RoleKey(userID: member.userID, roleID: held.id)) { continue }
                after += 1
            }
            // A floor the tenant is already under does not block plans that take nothing from it.
            if after < minimum, after < before {
                violations.append(.init(guardName: .minRoleHolders, organization: name, role: role, count: after,
                                        limit: minimum))
            }
        }
        if !policy.allowEmpty, !members.isEmpty, memberRemovals == members.count {
            violations.append(.init(guardName: .allowEmpty, organization: name, count: members.count, limit: 0))
        }
        return violations
    }

    private struct RoleKey: Hashable {
        var userID: String
        var roleID: String
    }
}
