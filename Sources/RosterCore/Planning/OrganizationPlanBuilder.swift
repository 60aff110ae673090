/// Plans one organization: resolves its declared members, then walks its current members.
struct OrganizationPlanBuilder {
    let spec: OrganizationSpec
    let organization: CurrentOrganization
    let members: [CurrentMember]
    let resolution: Resolution
    /// Why additions are off (`--no-additions` or `policy.additions: false`), or `nil`.
    let additionsOff: String?
    private(set) var problems: [Diagnostic] = []
    /// The declared members, as given to ``resolve(_:knownProblems:roleIDs:index:principals:)``.
    private var specs: [MemberSpec] = []
    /// Declared members by user id: their position in ``specs``.
    private var declared: UserIDIndex?
    /// How many members ``declared`` holds.
    private var declaredCount = 0
    /// Per position in ``specs``: the ids of the member's roles, in the order written (a
    /// list of ``roleIDs``), or ``RoleIDCache/none`` when its roles are not compared (not
    /// managed, or one did not resolve).
    private var wantedRoleIDs: [Int32] = []
    /// The role id lists of ``wantedRoleIDs``.
    private var roleIDs = RoleIDCache()
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
    ///
    /// `index` is emptied and filled; a planning run passes the one it keeps. `principals`
    /// is emptied and given each member's principal in order, for the desired state's
    /// digest (``StateDigest/append(_:first:to:cache:principalsRead:)``).
    mutating func resolve(_ specs: [MemberSpec], knownProblems: Set<SourceLocation>, roleIDs: RoleIDCache,
                          index: UserIDIndex, principals: inout UTF8Arena) {
        self.specs = specs
        self.roleIDs = roleIDs
        // Locals, read and written in the loop without going through `self`.
        let resolution = resolution
        let declared = index
        declared.reset(capacity: specs.count)
        var declaredCount = 0
        var wantedRoleIDs = [Int32](repeating: RoleIDCache.none, count: specs.count)
        var unresolved: [Int] = [], repeated: [(position: Int, first: Int)] = [], doubled: [Int] = []
        principals.removeAll()
        // Through buffer pointers: principals and role lists are read in place.
        specs.withUnsafeBufferPointer { specs in
            for position in specs.indices {
                let first: Int?
                switch specs[position].principal {
                case .userID(let id):
                    principals.append(id)
                    first = declared.insert(id, value: position)
                case .email(let email):
                    principals.append(email)
                    guard let id = resolution.userIDsByEmail[email] else {
                        unresolved.append(position)
                        continue
                    }
                    first = declared.insert(id, value: position)
                }
                // A repeat keeps the first.
                if let first {
                    repeated.append((position, first))
                    continue
                }
                declaredCount += 1
                // A member with an unresolved role is still declared (so it is not reported
                // as undeclared), but its roles are not compared; the plan is refused anyway.
                guard specs[position].roles != nil else { continue }
                let list = roleIDs.list(for: specs[position].roles!, in: resolution)
                switch list {
                case RoleIDCache.none: unresolved.append(position)
                case RoleIDCache.twice: doubled.append(position)
                default: wantedRoleIDs[position] = list
                }
            }
        }
        self.declared = declared
        self.declaredCount = declaredCount
        self.wantedRoleIDs = wantedRoleIDs
        // The problems, in the order declared.
        var next = 0
        let doubledPositions = Set(doubled)
        for position in (unresolved + repeated.map(\.position) + doubled).sorted() {
            let member = specs[position]
            if doubledPositions.contains(position) {
                // A name and the id of the same role: told apart only now the tenant is read.
                let roles = member.roles ?? []
                let pairs = roles.indices.flatMap { first in
                    roles.indices.filter { $0 > first && resolution.roleID(for: roles[$0]) == resolution.roleID(for: roles[first]) }
                        .map { (roles[first], roles[$0]) }
                }
                for (first, second) in pairs {
                    problems.append(.error(
                        "role \(first) and role \(second) of \(member.principal) are the same role (\(resolution.roleID(for: first) ?? "?"))",
                        at: member.location, notes: [.init("list each role once")]))
                }
            } else if next < repeated.count, repeated[next].position == position {
                let first = repeated[next].first
                next += 1
                let userID = resolution.userID(for: member.principal) ?? member.principal.description
                problems.append(.error(
                    "\(member.principal) is \(userID), already declared in \(path) as \(specs[first].principal)",
                    at: member.location, notes: [.init("declared here first", at: specs[first].location),
                                                 .init("keep one entry per user")]))
            } else if knownProblems.contains(member.location) {
                continue
            } else if resolution.userID(for: member.principal) == nil {
                problems.append(.error("member \(member.principal) could not be resolved to a user of the tenant",
                                       at: member.location, notes: [.init("name the member by user id")]))
            } else {
                for role in member.roles ?? [] where resolution.roleID(for: role) == nil {
                    problems.append(.error("role \(role) of \(member.principal) could not be resolved", at: member.location))
                }
            }
        }
    }

    /// The organization's plan.
    mutating func build() -> OrganizationPlan {
        // Every step, in the order found; sorted below.
        var steps: [PlanStep] = []
        var kept: [PlanNote] = []
        let protectionIndex = ProtectionIndex(spec.policy.protected, resolution: resolution)
        // Per position in `specs`: whether that declared member is a current member.
        var met = [Bool](repeating: false, count: specs.count)
        // How many declared members are current members, each counted once.
        var matched = 0
        let undeclaredReason = "not declared in \(path), \(declaredAt)"
        // Through a buffer pointer: a member is copied only when a step or note needs it.
        let members = self.members, declared = self.declared ?? UserIDIndex(), wantedRoleIDs = self.wantedRoleIDs
        let roleIDs = self.roleIDs
        // The organization's digest, written on the way while its members are in user id
        // order (as `CurrentOrganization` sorts them); else computed on its own after.
        var digest = CanonicalJSONHasher()
        var inOrder = true
        StateDigest.beginOrganization(organization, to: &digest)
        members.withUnsafeBufferPointer { members in
        for index in members.indices {
            let userID = members[index].userID, roles = members[index].roles
            if inOrder {
                if index > 0, userID < members[index - 1].userID {
                    inOrder = false
                } else {
                    StateDigest.appendMember(roles: roles, userID: userID, first: index == 0, to: &digest)
                }
            }
            // The usual case first: declared, holding every declared role and no other (the
            // test below that leads to `continue`, done before anything is copied).
            let position = declared.value(for: userID)
            if let position {
                // Counted once per declared member, even if the tenant listed a user twice.
                if !met[position] {
                    met[position] = true
                    matched += 1
                }
                if wantedRoleIDs[position] != RoleIDCache.none, roleIDs.holdsExactly(roles, list: wantedRoleIDs[position]) {
                    continue
                }
            }
            let member = members[index]
            var label: String { member.email ?? member.userID }
            let protection = protectionIndex.mayCover(member) ? protectedBy(member) : nil
            guard let position else {
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
                    steps.append(PlanStep(
                        action: .removeMember, organization: organization.name, organizationID: organization.id,
                        userID: member.userID, email: member.email, memberRoles: member.roles, reason: reason,
                        source: declaredAt))
                }
                continue
            }
            guard wantedRoleIDs[position] != RoleIDCache.none else { continue }
            let wanted = roleIDs.lists[Int(wantedRoleIDs[position])]
            // Role lists are short: compare them directly, without building sets.
            let lacking = wanted.contains { id in !member.roles.contains { $0.id == id } }
            let undeclared = !member.roles.allSatisfy { held in wanted.contains(held.id) }
            if !lacking && !undeclared { continue }
            let entry = specs[position]
            if lacking, let roles = entry.roles {
                for (role, id) in zip(roles, wanted) where !member.roles.contains(where: { $0.id == id }) {
                    addRole(role, to: entry, userID: member.userID, email: member.email, into: &steps)
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
                    steps.append(PlanStep(
                        action: .removeRole, organization: organization.name, organizationID: organization.id,
                        userID: member.userID, email: member.email, role: role, reason: reason, source: source))
                }
            }
        }
        }
        // Every declared member not met above, in the order declared (the steps and notes
        // are sorted below).
        for position in specs.indices where matched < declaredCount && !met[position] {
            let entry = specs[position]
            // Not resolved, or declared twice: a problem, no step.
            guard let userID = resolution.userID(for: entry.principal),
                  declared.value(for: userID) == position else { continue }
            if let additionsOff {
                notes.append(PlanNote(kind: .memberNotPresent, member: entry.principal.description, userID: userID,
                                      reason: "declared but not a member of \(organization.name); not added (\(additionsOff))",
                                      source: entry.location.shortDescription))
                continue
            }
            let email: String? = if case .email(let email) = entry.principal { email } else { nil }
            steps.append(PlanStep(
                action: .addMember, organization: organization.name, organizationID: organization.id, userID: userID,
                email: email, reason: "declared in \(path) but not a member, \(entry.location.shortDescription)",
                source: entry.location.shortDescription))
            // Roles of a member with an unresolved role are not given (the plan is refused).
            guard wantedRoleIDs[position] != RoleIDCache.none else { continue }
            for role in entry.roles ?? [] { addRole(role, to: entry, userID: userID, email: email, into: &steps) }
        }
        let orderedNotes = kept.sorted { ($0.userID ?? "", $0.role ?? "") < ($1.userID ?? "", $1.role ?? "") }
            + notes.sorted { ($0.userID ?? $0.member, $0.kind.rawValue, $0.role ?? "") < ($1.userID ?? $1.member, $1.kind.rawValue, $1.role ?? "") }
        return OrganizationPlan(
            name: organization.name, id: organization.id, stateSHA256: inOrder ? StateDigest.finishOrganization(organization, json: &digest) : StateDigest.of(organization),
            memberCount: members.count, policy: PlannedPolicy(spec.policy, roleIDs: { resolution.roleID(for: .name($0)) }),
            steps: Self.inPlanOrder(steps),
            notes: orderedNotes)
    }

    /// `steps` in plan order: member additions, role additions, member removals, then role
    /// removals, each by user id (and role). Steps found in current members' order often
    /// are already, and are then not moved.
    private static func inPlanOrder(_ steps: [PlanStep]) -> [PlanStep] {
        func rank(_ action: PlanStep.Action) -> Int {
            switch action {
            case .addMember: 0
            case .addRole: 1
            case .removeMember: 2
            case .removeRole: 3
            }
        }
        func precedes(_ a: PlanStep, _ b: PlanStep) -> Bool {
            let (first, second) = (rank(a.action), rank(b.action))
            guard first == second else { return first < second }
            return a.action == .addMember || a.action == .removeMember ? a.userID < b.userID : PlanStep.inPlanOrder(a, b)
        }
        if steps.indices.dropFirst().allSatisfy({ !precedes(steps[$0], steps[$0 - 1]) }) { return steps }
        // Stable: steps that compare equal keep the order found.
        return steps.sorted(by: precedes)
    }

    /// Plans giving a declared role to a member (present, or added by this plan), or notes
    /// it as not present when additions are off.
    private mutating func addRole(_ role: RoleReference, to entry: MemberSpec, userID: String, email: String?,
                                  into steps: inout [PlanStep]) {
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
        case .id(let id): resolution.roleName(forID: id) ?? id
        }
        steps.append(PlanStep(
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

/// Role ids of declared role lists, computed once per list; kept by a planning run for
/// all its organizations.
final class RoleIDCache {
    /// The lists computed, each the ids of a role list in the order written.
    private(set) var lists: [[String]] = []
    private var memo = RoleListMemo<Int32>()
    /// What ``list(for:in:)`` gives for a list with a role that does not resolve.
    static let none: Int32 = -1
    /// What ``list(for:in:)`` gives for a list naming one role twice (by name and by id).
    static let twice: Int32 = -2

    /// The index in ``lists`` of the ids of `roles`, or ``none`` when one does not resolve,
    /// or ``twice`` when two resolve to the same role.
    func list(for roles: [RoleReference], in resolution: Resolution) -> Int32 {
        memo.value(for: roles) { roles in
            var ids: [String] = []
            ids.reserveCapacity(roles.count)
            var twice = false
            for role in roles {
                guard let id = resolution.roleID(for: role) else { return Self.none }
                // Lists are short: a look through the ids so far is cheaper than a set.
                twice = twice || ids.contains(id)
                ids.append(id)
            }
            // A role that does not resolve is the problem to show first.
            if twice { return Self.twice }
            lists.append(ids)
            return Int32(lists.count - 1)
        }
    }

    /// Whether `held` are exactly the roles of list `list`: each held role in the list and
    /// each id of the list held.
    @inline(__always)
    func holdsExactly(_ held: [TenantRole], list: Int32) -> Bool {
        lists.withUnsafeBufferPointer { lists in
            lists[Int(list)].withUnsafeBufferPointer { wanted in
                held.withUnsafeBufferPointer { held in
                    for role in held.indices where !wanted.contains(held[role].id) { return false }
                    for id in wanted.indices where !held.contains(where: { $0.id == wanted[id] }) { return false }
                    return true
                }
            }
        }
    }
}

/// Something computed from a role list, kept for the next equal list. The decoder hands out
/// one array for every member with the same role list, so a look-up is usually one identity
/// check: an entry's slot comes from the array's storage, and a hit is the same storage (or
/// an equal list), so a value is only ever reused for an equal list.
struct RoleListMemo<Value> {
    private static var slots: Int { 64 }
    /// Per slot: the list (kept, so that its storage is not reused while the slot names
    /// it), its storage's address and its value.
    private var keys = [[RoleReference]](repeating: [], count: 64)
    private var addresses = [UInt](repeating: 0, count: 64)
    private var values = [Value?](repeating: nil, count: 64)

    mutating func value(for roles: [RoleReference], compute: ([RoleReference]) -> Value) -> Value {
        let address = roles.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let slot = Int((address >> 4) % UInt(Self.slots))
        if let value = values[slot], addresses[slot] == address && keys[slot].count == roles.count || keys[slot] == roles {
            return value
        }
        let value = compute(roles)
        keys[slot] = roles
        addresses[slot] = address
        values[slot] = value
        return value
    }
}
