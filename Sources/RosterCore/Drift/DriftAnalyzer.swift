/// Computes a drift report: the planner's pass over the desired state and the tenant, with
/// its removals, its "not present" notes and its resolution problems put in categories. A
/// pure function of its inputs, like ``Planner``; unlike a plan, a report is never refused.
public enum DriftAnalyzer {
    /// Every difference between `desired` and `current`, by organization (by name).
    public static func report(desired: DesiredState, current: TenantState) -> DriftReport {
        let pass = Planner.Pass(desired: desired, current: current)
        var unclaimed = pass.problems
        var organizations: [OrganizationDrift] = []
        for organization in pass.organizations {
            organizations.append(drift(of: organization, resolution: current.resolution, problems: &unclaimed))
        }
        // Problems at no member or organization location (rare: a read problem without a
        // place) still count: they go to the organization declared before them in their file.
        for problem in Set(unclaimed).sorted() {
            guard let index = owner(of: problem, in: organizations, pass: pass) else { continue }
            organizations[index].drift.append(DriftItem(
                kind: .unresolvedMember, organization: organizations[index].name, message: problem.message,
                source: problem.location?.shortDescription))
        }
        return DriftReport(desiredStateSHA256: pass.desiredStateSHA256, organizations: organizations)
    }

    private static func drift(
        of organization: Planner.Pass.Organization, resolution: Resolution, problems: inout [Diagnostic]
    ) -> OrganizationDrift {
        let spec = organization.spec
        let name = spec.name
        var items: [DriftItem] = []
        func claim(at location: SourceLocation, mentioning text: String?) -> [String] {
            let matching = problems.filter { problem in
                problem.location == location && (text.map { problem.message.contains("\"\($0)\"") } ?? true)
            }
            problems.removeAll { matching.contains($0) }
            return matching.map(\.message)
        }

        let unknownFloors = spec.policy.minRoleHolders.keys.sorted().filter { resolution.roleIDsByName[$0] == nil }
        var floorItems: [DriftItem] = []
        for role in unknownFloors {
            let messages = claim(at: spec.location, mentioning: role)
            guard organization.plan != nil || !messages.isEmpty else { continue }
            floorItems.append(DriftItem(
                kind: .unknownRole, organization: name, role: role,
                message: messages.first ?? "unknown role \"\(role)\" in min_role_holders",
                source: spec.location.shortDescription))
        }
        if organization.plan == nil {
            let messages = claim(at: spec.location, mentioning: nil)
            items.append(DriftItem(
                kind: .missingOrganization, organization: name,
                message: messages.isEmpty ? "the tenant has no organization named \"\(name)\"" : messages.joined(separator: "; "),
                source: spec.location.shortDescription))
        }
        items += floorItems

        var declared: [DeclaredMember] = []
        for member in spec.members ?? [] {
            let source = member.location.shortDescription
            let userID = resolution.userID(for: member.principal)
            declared.append(DeclaredMember(member: member.principal.description, userID: userID, source: source))
            if userID == nil {
                let messages = claim(at: member.location, mentioning: member.principal.description)
                items.append(DriftItem(
                    kind: .unresolvedMember, organization: name, member: member.principal.description,
                    message: messages.isEmpty ? "\(member.principal) did not resolve to one user of the tenant"
                        : messages.joined(separator: "; "), source: source))
            }
            for role in member.roles ?? [] where resolution.roleID(for: role) == nil {
                let messages = claim(at: member.location, mentioning: role.description)
                items.append(DriftItem(
                    kind: .unknownRole, organization: name, member: member.principal.description, userID: userID,
                    role: role.description,
                    message: messages.isEmpty ? "no role of the tenant is \(role)" : messages.joined(separator: "; "),
                    source: source))
            }
            // What is left at this entry (a user declared twice) is about this member too.
            for message in claim(at: member.location, mentioning: nil) {
                items.append(DriftItem(kind: .unresolvedMember, organization: name, member: member.principal.description,
                                       userID: userID, message: message, source: source))
            }
        }

        var notes: [DriftNote] = []
        if let plan = organization.plan {
            for step in plan.steps {
                let kind: DriftItem.Kind = switch step.action {
                case .removeMember: .undeclaredMember
                case .removeRole: .undeclaredRole
                case .addMember: .missingMember
                case .addRole: .missingRole
                }
                items.append(DriftItem(
                    kind: kind, organization: name, member: step.memberLabel, userID: step.userID,
                    role: step.roleName ?? step.roleID,
                    message: step.reason + (step.action.isAddition ? "; a plan would add it" : "; a plan would remove it"),
                    source: step.source))
            }
            for note in plan.notes {
                switch note.kind {
                case .keptMember, .keptRole:
                    notes.append(DriftNote(kind: note.kind == .keptMember ? .protectedMember : .protectedRole,
                                           member: note.member, userID: note.userID, role: note.role, message: note.reason))
                case .memberNotPresent:
                    items.append(DriftItem(
                        kind: .missingMember, organization: name, member: note.member, userID: note.userID,
                        message: "declared at \(note.source ?? spec.location.shortDescription) but not a member of \(name); "
                            + "additions are off, so add the member in Auth0, or remove the entry", source: note.source))
                case .roleNotPresent:
                    items.append(DriftItem(
                        kind: .missingRole, organization: name, member: note.member, userID: note.userID, role: note.role,
                        message: "declared for \(note.member) at \(note.source ?? spec.location.shortDescription) but not "
                            + "held in \(name); additions are off, so grant the role in Auth0, or remove it from the entry",
                        source: note.source))
                }
            }
        }
        for (member, role) in organization.leftAlone {
            let label = member.email ?? member.userID
            if let role {
                notes.append(DriftNote(kind: .additiveRole, member: label, userID: member.userID, role: role.name,
                                       message: "not declared; left alone because roles are additive in organizations.\(name)"))
            } else {
                notes.append(DriftNote(kind: .additiveMember, member: label, userID: member.userID,
                                       message: "not declared; left alone because members are additive in organizations.\(name)"))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: DriftItem.Kind.allCases.enumerated().map { ($1, $0) })
        items.sort { lhs, rhs in
            (order[lhs.kind] ?? 0, lhs.userID ?? lhs.member ?? "", lhs.role ?? "", lhs.message)
                < (order[rhs.kind] ?? 0, rhs.userID ?? rhs.member ?? "", rhs.role ?? "", rhs.message)
        }
        notes.sort { ($0.userID ?? $0.member, $0.kind.rawValue, $0.role ?? "") < ($1.userID ?? $1.member, $1.kind.rawValue, $1.role ?? "") }
        return OrganizationDrift(name: name, id: organization.plan?.id, source: spec.location.shortDescription,
                                 memberCount: organization.plan?.memberCount, members: declared, drift: items, notes: notes)
    }

    /// The organization a left-over problem belongs to: the last one declared before it in its file.
    private static func owner(of problem: Diagnostic, in organizations: [OrganizationDrift], pass: Planner.Pass) -> Int? {
        guard !organizations.isEmpty else { return nil }
        guard let location = problem.location else { return 0 }
        let candidates = pass.organizations.enumerated().filter {
            $0.element.spec.location.file == location.file && $0.element.spec.location <= location
        }
        return candidates.max { $0.element.spec.location < $1.element.spec.location }?.offset ?? 0
    }
}
