/// Plans one organization: resolves its declared members, then walks its current members.
struct OrganizationPlanBuilder {
    let spec: OrganizationSpec
    let organization: CurrentOrganization
    let members: [CurrentMember]
    let resolution: Resolution
    /// Why additions are off (`--no-additions` or `policy.additions: false`), or `nil`.
    let additionsOff: String?
    private(set) var problems: [Diagnostic] = []
    /// The declared members, as given to ``resolve(_:knownProblems:roleIDs:)``.
    private var specs: [MemberSpec] = []
    /// Declared members by user id: their position in ``specs``.
    private var declared: [String: Int] = [:]
    /// Per position in ``specs``: the ids of the member's roles, in the order written, or
    /// `nil` when its roles are not compared (not managed, or one did not resolve).
    private var wantedRoleIDs: [[String]?] = []
    private var notes: [PlanNote] = []
    /// What an additive policy leaves alone: members not declared (role `nil`) and roles not
    /// declared for a declared member. Not part of the plan; drift reports show it.
    private(set) var leftAlone: [(member: CurrentMember, role: TenantRole?)] = []

    init(spec: OrganizationSpec, organization: CurrentOrganization, members: [CurrentMember], resolution: Resolution,
         additionsOff: String? = nil) {
        self.spec = spec
        self.organization = organization
        self.members = members
        self.resolution = resolution
        self.additionsOff = additionsOff
        path = "organizations.\(spec.name)"
        declaredAt = spec.location.shortDescription
    }

    /// `organizations.NAME`, for messages.
    private let path: String
    /// Where the organization is declared, for steps and notes.
    private let declaredAt: String

    /// Maps each declared member to a user id, and its roles to role ids through `roleIDs`
    /// (shared by the organizations of one pass); what cannot be mapped is a problem.
    mutating func resolve(_ specs: [MemberSpec], knownProblems: Set<SourceLocation>, roleIDs: inout RoleIDCache) {
        self.specs = specs
        // Locals, read and written in the loop without going through `self`.
        let resolution = resolution
        var declared: [String: Int] = [:]
        declared.reserveCapacity(specs.count)
        var wantedRoleIDs = [[String]?](repeating: nil, count: specs.count)
        defer {
            self.declared = declared
            self.wantedRoleIDs = wantedRoleIDs
        }
        for position in specs.indices {
            guard let userID = resolution.userID(for: specs[position].principal) else {
                let member = specs[position]
                if !knownProblems.contains(member.location) {
                    problems.append(.error("member \(member.principal) could not be resolved to a user of the tenant",
                                           at: member.location, notes: [.init("name the member by user id")]))
                }
                continue
            }
            // One hash for the look-up and the insertion; a repeat puts the first back.
            if let first = declared.updateValue(position, forKey: userID) {
                declared[userID] = first
                let member = specs[position]
                problems.append(.error(
                    "\(member.principal) is \(userID), already declared in \(path) as \(specs[first].principal)",
                    at: member.location, notes: [.init("declared here first", at: specs[first].location),
                                                 .init("keep one entry per user")]))
                continue
            }
            guard let roles = specs[position].roles else { continue }
            // A member with an unresolved role is still declared (so it is not reported as
            // undeclared), but its roles are not compared; the plan is refused anyway.
            if let ids = roleIDs.ids(for: roles, in: resolution) {
                wantedRoleIDs[position] = ids
            } else if case let member = specs[position], !knownProblems.contains(member.location) {
                for role in roles where resolution.roleID(for: role) == nil {
                    problems.append(.error("role \(role) of \(member.principal) could not be resolved", at: member.location))
                }
            }
        }
    }

    /// The organization's plan.
    mutating func build() -> OrganizationPlan {
        var memberSteps: [PlanStep] = []
        var roleSteps: [PlanStep] = []
        var additions: [PlanStep] = []
        var kept: [PlanNote] = []
        let protectionIndex = ProtectionIndex(spec.policy.protected, resolution: resolution)
        var matched = 0
        let undeclaredReason = "not declared in \(path), \(declaredAt)"
        // Through a buffer pointer: a member is copied only when a step or note needs it.
        let members = self.members, declared = self.declared, wantedRoleIDs = self.wantedRoleIDs
        members.withUnsafeBufferPointer { members in
        for index in members.indices {
            let userID = members[index].userID
            // The usual case first: declared, holding every declared role and no other (the
            // test below that leads to `continue`, done before anything is copied).
            if let position = declared[userID], let wanted = wantedRoleIDs[position],
               members[index].roles.allSatisfy({ held in wanted.contains(held.id) }),
               wanted.allSatisfy({ id in members[index].roles.contains { $0.id == id } }) {
                matched += 1
                continue
            }
            let member = members[index]
            var label: String { member.email ?? member.userID }
            let protection = protectionIndex.mayCover(member) ? protectedBy(member) : nil
            guard let position = declared[member.userID] else {
                guard spec.policy.members == .authoritative else {
                    leftAlone.append((member, nil))
                    continue
                }
                let reason = undeclaredReason
                if let protection {
                    kept.append(PlanNote(kind: .keptMember, member: label, userID: member.userID,
                                         reason: "protected by policy.protected (\(protection)); \(reason)",
                                         source: declaredAt))
                } else {
                    memberSteps.append(PlanStep(
                        action: .removeMember, organization: organization.name, organizationID: organization.id,
                        userID: member.userID, email: member.email, memberRoles: member.roles, reason: reason,
                        source: declaredAt))
                }
                continue
            }
            matched += 1
            guard let wanted = wantedRoleIDs[position] else { continue }
            // Role lists are short: compare them directly, without building sets.
            let lacking = wanted.contains { id in !member.roles.contains { $0.id == id } }
            let undeclared = !member.roles.allSatisfy { held in wanted.contains(held.id) }
            if !lacking && !undeclared { continue }
            let entry = specs[position]
            if lacking, let roles = entry.roles {
                for (role, id) in zip(roles, wanted) where !member.roles.contains(where: { $0.id == id }) {
                    addRole(role, to: entry, userID: member.userID, email: member.email, into: &additions)
                }
            }
            if !undeclared { continue }
            guard spec.policy.roles == .authoritative else {
                leftAlone += member.roles.filter { !wanted.contains($0.id) }.map { (member, $0) }
                continue
            }
            let source = entry.location.shortDescription
            for role in member.roles where !wanted.contains(role.id) {
                let reason = "role \(role.name) not declared for \(entry.principal) in \(path), \(source)"
                if let protection {
                    kept.append(PlanNote(kind: .keptRole, member: label, userID: member.userID, role: role.name,
                                         reason: "protected by policy.protected (\(protection)); \(reason)", source: source))
                } else {
                    roleSteps.append(PlanStep(
                        action: .removeRole, organization: organization.name, organizationID: organization.id,
                        userID: member.userID, email: member.email, role: role, reason: reason, source: source))
                }
            }
        }
        }
        // Every declared member not met above: only when some were not (a set of the
        // present ones is built only then).
        let present = matched == declared.count ? [] : Set(members.map(\.userID))
        for (userID, position) in declared where matched < declared.count && !present.contains(userID) {
            let entry = specs[position]
            if let additionsOff {
                notes.append(PlanNote(kind: .memberNotPresent, member: entry.principal.description, userID: userID,
                                      reason: "declared but not a member of \(organization.name); not added (\(additionsOff))",
                                      source: entry.location.shortDescription))
                continue
            }
            let email: String? = if case .email(let email) = entry.principal { email } else { nil }
            additions.append(PlanStep(
                action: .addMember, organization: organization.name, organizationID: organization.id, userID: userID,
                email: email, reason: "declared in \(path) but not a member, \(entry.location.shortDescription)",
                source: entry.location.shortDescription))
            // Roles of a member with an unresolved role are not given (the plan is refused).
            guard wantedRoleIDs[position] != nil else { continue }
            for role in entry.roles ?? [] { addRole(role, to: entry, userID: userID, email: email, into: &additions) }
        }
        let orderedNotes = kept.sorted { ($0.userID ?? "", $0.role ?? "") < ($1.userID ?? "", $1.role ?? "") }
            + notes.sorted { ($0.userID ?? $0.member, $0.kind.rawValue, $0.role ?? "") < ($1.userID ?? $1.member, $1.kind.rawValue, $1.role ?? "") }
        return OrganizationPlan(
            name: organization.name, id: organization.id, stateSHA256: StateDigest.of(organization),
            memberCount: members.count, policy: PlannedPolicy(spec.policy, roleIDs: { resolution.roleID(for: .name($0)) }),
            steps: Self.inOrder(additions.filter { $0.action == .addMember }, by: { $0.userID < $1.userID })
                + Self.inOrder(additions.filter { $0.action == .addRole }, by: PlanStep.inPlanOrder)
                + Self.inOrder(memberSteps, by: { $0.userID < $1.userID })
                + Self.inOrder(roleSteps, by: PlanStep.inPlanOrder),
            notes: orderedNotes)
    }

    /// `steps` sorted; steps found in current members' order usually are already, and are
    /// then not copied.
    private static func inOrder(_ steps: [PlanStep], by areInIncreasingOrder: (PlanStep, PlanStep) -> Bool) -> [PlanStep] {
        steps.indices.dropFirst().allSatisfy({ !areInIncreasingOrder(steps[$0], steps[$0 - 1]) })
            ? steps : steps.sorted(by: areInIncreasingOrder)
    }

    /// Plans giving a declared role to a member (present, or added by this plan), or notes
    /// it as not present when additions are off.
    private mutating func addRole(_ role: RoleReference, to entry: MemberSpec, userID: String, email: String?,
                                  into additions: inout [PlanStep]) {
        let source = entry.location.shortDescription
        guard additionsOff == nil, let roleID = resolution.roleID(for: role) else {
            notes.append(PlanNote(kind: .roleNotPresent, member: entry.principal.description, userID: userID,
                                  role: role.description,
                                  reason: "declared for \(entry.principal) but not held in \(organization.name); not given (\(additionsOff ?? "unresolved"))",
                                  source: source))
            return
        }
        let name: String = switch role {
        case .name(let name): name
        case .id(let id): resolution.roleIDsByName.first { $0.value == id }?.key ?? id
        }
        additions.append(PlanStep(
            action: .addRole, organization: organization.name, organizationID: organization.id, userID: userID,
            email: email, role: TenantRole(id: roleID, name: name),
            reason: "role \(name) declared for \(entry.principal) in \(path) but not held, \(source)", source: source))
    }

    /// A quick, conservative test of whether `policy.protected` may cover a member: by user
    /// id, by the user id an email resolved to, or by email without regard to case. A member
    /// it passes goes through ``protectedBy(_:)`` for the entry itself.
    private struct ProtectionIndex {
        var userIDs: Set<String> = []
        var emails: Set<String> = []

        init(_ protected: [Principal], resolution: Resolution) {
            for principal in protected {
                switch principal {
                case .userID(let id): userIDs.insert(id)
                case .email(let email):
                    emails.insert(email.lowercased())
                    if let id = resolution.userIDsByEmail[email] { userIDs.insert(id) }
                }
            }
        }

        func mayCover(_ member: CurrentMember) -> Bool {
            // Most policies protect a few principals: comparing is cheaper than hashing.
            if userIDs.count <= 4 ? userIDs.contains(where: { $0 == member.userID }) : userIDs.contains(member.userID) {
                return true
            }
            guard !emails.isEmpty, let email = member.email else { return false }
            return emails.contains(email.lowercased())
        }
    }

    /// The protected entry that covers a member: its user id, or its email compared without
    /// regard to case (protecting more is the safe side).
    private func protectedBy(_ member: CurrentMember) -> String? {
        for principal in spec.policy.protected {
            switch principal {
            case .userID(let id) where id == member.userID:
                return id
            case .email(let email):
                if let memberEmail = member.email, memberEmail.lowercased() == email.lowercased() { return email }
                if resolution.userIDsByEmail[email] == member.userID { return email }
            default: continue
            }
        }
        return nil
    }
}

/// Role ids of declared role lists, computed once per list.
struct RoleIDCache {
    private var memo = RoleListMemo<[String]?>()

    /// The ids of `roles` in order, or `nil` when one does not resolve.
    mutating func ids(for roles: [RoleReference], in resolution: Resolution) -> [String]? {
        memo.value(for: roles) { roles in
            var ids: [String] = []
            ids.reserveCapacity(roles.count)
            for role in roles {
                guard let id = resolution.roleID(for: role) else { return nil }
                ids.append(id)
            }
            return ids
        }
    }
}

/// Something computed from a role list, kept for the next equal list. The decoder hands out
/// one array for every member with the same role list, so a look-up is usually one identity
/// check: an entry's slot comes from the array's storage, and a hit compares the arrays
/// (which for the same storage is immediate), so a value is only ever reused for an equal
/// list.
struct RoleListMemo<Value> {
    private static var slots: Int { 64 }
    private var entries: [(roles: [RoleReference], value: Value)?] = Array(repeating: nil, count: 64)

    mutating func value(for roles: [RoleReference], compute: ([RoleReference]) -> Value) -> Value {
        let address = roles.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let slot = Int((address >> 4) % UInt(Self.slots))
        if let entry = entries[slot], entry.roles == roles { return entry.value }
        let value = compute(roles)
        entries[slot] = (roles, value)
        return value
    }
}
