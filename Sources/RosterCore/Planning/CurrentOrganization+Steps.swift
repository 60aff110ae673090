extension CurrentOrganization {
    /// The state this organization has after `step` ran: the prediction that apply checks
    /// each later step's precondition and the guards against. A step whose precondition
    /// does not hold changes nothing.
    public func applying(_ step: PlanStep) -> CurrentOrganization {
        guard step.precondition.holds(in: self), var members else { return self }
        switch step.action {
        case .addMember:
            members.append(CurrentMember(userID: step.userID, email: step.email))
        case .removeMember:
            members.removeAll { $0.userID == step.userID }
        case .addRole, .removeRole:
            guard let index = members.firstIndex(where: { $0.userID == step.userID }), let roleID = step.roleID else { return self }
            var roles = members[index].roles
            if step.action == .addRole {
                roles.append(TenantRole(id: roleID, name: step.roleName ?? roleID))
            } else {
                roles.removeAll { $0.id == roleID }
            }
            members[index] = CurrentMember(userID: members[index].userID, email: members[index].email,
                                           name: members[index].name, roles: roles)
        }
        return CurrentOrganization(id: id, name: name, members: members)
    }

    /// The state after every step in order.
    public func applying(_ steps: [PlanStep]) -> CurrentOrganization {
        steps.reduce(self) { $0.applying($1) }
    }
}
