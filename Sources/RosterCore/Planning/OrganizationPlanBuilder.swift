/// Plans one organization: resolves its declared members, then walks its current members.
struct OrganizationPlanBuilder {
    let spec: OrganizationSpec
    let organization: CurrentOrganization
    let members: [CurrentMember]
    let resolution: Resolution
    /// Why additions are off (`--no-additions` or `policy.additions: false`), or `nil`.
    let additionsOff: String?
    private(set) var problems: [Diagnostic] = []
    /// Declared members by user id.
    private var declared: [String: MemberSpec] = [:]
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
    }

    private var path: String { "organizations.\(spec.name)" }

    /// Maps each declared member to a user id; what cannot be mapped is a problem.
    mutating func resolve(_ specs: [MemberSpec], knownProblems: Set<SourceLocation>) {
        declared.reserveCapacity(specs.count)
        for member in specs {
            guard let userID = resolution.userID(for: member.principal) else {
                if !knownProblems.contains(member.location) {
                    problems.append(.error("member \(member.principal) could not be resolved to a user of the tenant",
                                           at: member.location, notes: [.init("name the member by user id")]))
                }
                continue
            }
            if let first = declared[userID] {
                problems.append(.error(
                    "\(member.principal) is \(userID), already declared in \(path) as \(first.principal)",
                    at: member.location, notes: [.init("declared here first", at: first.location),
                                                 .init("keep one entry per user")]))
                continue
            }
            var unresolvedRole = false
            for role in member.roles ?? [] where resolution.roleID(for: role) == nil {
                unresolvedRole = true
                if !knownProblems.contains(member.location) {
                    problems.append(.error("role \(role) of \(member.principal) could not be resolved", at: member.location))
                }
            }
            // A member with an unresolved role is still declared (so it is not reported as
            // undeclared), but its roles are not compared; the plan is refused anyway.
            declared[userID] = unresolvedRole
                ? MemberSpec(principal: member.principal, roles: nil, location: member.location) : member
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
        for member in members {
            let label = member.email ?? member.userID
            let protection = protectionIndex.mayCover(member) ? protectedBy(member) : nil
            guard let entry = declared[member.userID] else {
                guard spec.policy.members == .authoritative else {
                    leftAlone.append((member, nil))
                    continue
                }
                let reason = "not declared in \(path), \(spec.location.shortDescription)"
                if let protection {
                    kept.append(PlanNote(kind: .keptMember, member: label, userID: member.userID,
                                         reason: "protected by policy.protected (\(protection)); \(reason)",
                                         source: spec.location.shortDescription))
                } else {
                    memberSteps.append(PlanStep(
                        action: .removeMember, organization: organization.name, organizationID: organization.id,
                        userID: member.userID, email: member.email, memberRoles: member.roles, reason: reason,
                        source: spec.location.shortDescription))
                }
                continue
            }
            matched += 1
            guard let roles = entry.roles else { continue }
            // Role lists are short: compare them directly, without building sets.
            let wanted = roles.map { resolution.roleID(for: $0) }
            for (role, id) in zip(roles, wanted) where !member.roles.contains(where: { $0.id == id }) {
                addRole(role, to: entry, userID: member.userID, email: member.email, into: &additions)
            }
            if member.roles.allSatisfy({ held in wanted.contains(held.id) }) { continue }
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
        // Every declared member not met above: only when some were not (a set of the
        // present ones is built only then).
        let present = matched == declared.count ? [] : Set(members.map(\.userID))
        for (userID, entry) in declared where matched < declared.count && !present.contains(userID) {
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
            for role in entry.roles ?? [] { addRole(role, to: entry, userID: userID, email: email, into: &additions) }
        }
        let orderedNotes = kept.sorted { ($0.userID ?? "", $0.role ?? "") < ($1.userID ?? "", $1.role ?? "") }
            + notes.sorted { ($0.userID ?? $0.member, $0.kind.rawValue, $0.role ?? "") < ($1.userID ?? $1.member, $1.kind.rawValue, $1.role ?? "") }
        return OrganizationPlan(
            name: organization.name, id: organization.id, stateSHA256: StateDigest.of(organization),
            memberCount: members.count, policy: PlannedPolicy(spec.policy, roleIDs: { resolution.roleID(for: .name($0)) }),
            steps: additions.filter { $0.action == .addMember }.sorted { $0.userID < $1.userID }
                + additions.filter { $0.action == .addRole }.sorted(by: PlanStep.inPlanOrder)
                + memberSteps.sorted { $0.userID < $1.userID }
                + roleSteps.sorted(by: PlanStep.inPlanOrder),
            notes: orderedNotes)
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
            if userIDs.contains(member.userID) { return true }
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
