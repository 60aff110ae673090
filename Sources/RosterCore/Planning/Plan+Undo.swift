import Foundation

extension Plan {
    /// The plan that takes back the steps of this plan that were carried out: a removed
    /// member is added again with exactly the roles it held when planned, a removed role is
    /// given back, an added member is removed (with the roles this plan gave it), an added
    /// role is taken away. Steps not carried out have no inverse.
    ///
    /// The undo plan is an ordinary plan: apply runs it through the same preconditions,
    /// guards and journal. It was not planned against a read of the tenant, so its
    /// `desired_state_sha256` and each organization's `state_sha256` are empty; `undo_of`
    /// names the plan it takes back.
    ///
    /// - Parameters:
    ///   - planSHA256: the SHA-256 of this plan's file.
    ///   - done: the ids of the steps carried out.
    ///   - createdAt: when the undo plan is made.
    /// - Returns: `nil` when no step was carried out.
    public func undo(planSHA256: String, done: Set<String>, createdAt: Date) -> Plan? {
        var organizations: [OrganizationPlan] = []
        for organization in self.organizations {
            let carried = organization.steps.filter { done.contains($0.id) }
            guard !carried.isEmpty else { continue }
            let steps = Self.inverses(of: carried, in: organization)
            let added = carried.filter { $0.action == .addMember }.count
            let removed = carried.filter { $0.action == .removeMember }.count
            organizations.append(OrganizationPlan(
                name: organization.name, id: organization.id, stateSHA256: "",
                memberCount: max(0, organization.memberCount + added - removed), policy: organization.policy,
                steps: steps, notes: []))
        }
        guard !organizations.isEmpty else { return nil }
        var plan = Plan(rosterVersion: rosterVersion, createdAt: createdAt, tenant: tenant, desiredStateSHA256: "",
                        overrideGuards: false, organizations: organizations)
        plan.undoOf = planSHA256
        return plan
    }

    /// The inverse steps, in plan order: additions, then removals.
    private static func inverses(of carried: [PlanStep], in organization: OrganizationPlan) -> [PlanStep] {
        let reason = "undo of "
        func step(_ action: PlanStep.Action, _ from: PlanStep, role: TenantRole? = nil, roles: [TenantRole] = []) -> PlanStep {
            PlanStep(action: action, organization: organization.name, organizationID: organization.id, userID: from.userID,
                     email: from.email, role: role, memberRoles: roles, reason: reason + from.id, source: from.source)
        }
        let addedMembers = Set(carried.filter { $0.action == .addMember }.map(\.userID))
        var addMembers: [PlanStep] = [], addRoles: [PlanStep] = [], removeMembers: [PlanStep] = [], removeRoles: [PlanStep] = []
        for original in carried {
            switch original.action {
            case .removeMember:
                addMembers.append(step(.addMember, original))
                for role in original.memberRoles ?? [] { addRoles.append(step(.addRole, original, role: role)) }
            case .removeRole:
                guard let id = original.roleID else { continue }
                addRoles.append(step(.addRole, original, role: TenantRole(id: id, name: original.roleName ?? id)))
            case .addMember:
                // The member goes with the roles this plan gave it, and only those.
                let given = carried.filter { $0.action == .addRole && $0.userID == original.userID }.compactMap { given in
                    given.roleID.map { TenantRole(id: $0, name: given.roleName ?? $0) }
                }
                removeMembers.append(step(.removeMember, original, roles: given))
            case .addRole:
                guard let id = original.roleID, !addedMembers.contains(original.userID) else { continue }
                removeRoles.append(step(.removeRole, original, role: TenantRole(id: id, name: original.roleName ?? id)))
            }
        }
        return addMembers.sorted(by: PlanStep.inPlanOrder) + addRoles.sorted(by: PlanStep.inPlanOrder)
            + removeMembers.sorted(by: PlanStep.inPlanOrder) + removeRoles.sorted(by: PlanStep.inPlanOrder)
    }
}
