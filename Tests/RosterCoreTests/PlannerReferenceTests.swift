import Testing
@testable import RosterCore

/// The planner held to a reference planner written here in plain loops, dictionaries and
/// sets, over random desired and current states: whatever the planner does to be fast, its
/// steps, notes, problems and digests must stay those of the plain reading of its rules.
@Suite("Planner against a reference planner")
struct PlannerReferenceTests {
    /// The seeds of the random states; each gives the same states on every run.
    static let seeds = Array(0 ..< 300)

    @Test("the pass plans what the reference plans", arguments: seeds)
    func passMatchesReference(seed: Int) {
        let sample = StateGenerator.sample(seed: seed)
        let pass = Planner.Pass(desired: sample.desired, current: sample.current, options: sample.options)
        let reference = ReferencePlanner.pass(desired: sample.desired, current: sample.current, options: sample.options)

        #expect(pass.organizations.map(\.spec.name) == reference.organizations.map(\.name), "seed \(seed)")
        for (real, expected) in zip(pass.organizations, reference.organizations) {
            let context = "seed \(seed), organization \(expected.name)"
            guard let expectedPlan = expected.plan else {
                #expect(real.plan == nil, "\(context): planned, but it was not read from the tenant")
                continue
            }
            guard let plan = real.plan else {
                Issue.record("\(context): not planned")
                continue
            }
            // The short forms first, so that a failure says at a glance what differs.
            #expect(plan.steps.map(Self.brief) == expectedPlan.steps.map(Self.brief), "\(context)")
            #expect(plan.steps == expectedPlan.steps, "\(context)")
            #expect(plan.notes.map(Self.brief) == expectedPlan.notes.map(Self.brief), "\(context)")
            #expect(plan.notes == expectedPlan.notes, "\(context)")
            #expect(real.leftAlone.map(Self.brief) == expectedPlan.leftAlone, "\(context)")
            #expect(plan.name == expectedPlan.organization.name && plan.id == expectedPlan.organization.id, "\(context)")
            #expect(plan.memberCount == expectedPlan.organization.members?.count, "\(context)")
            #expect(plan.policy == PlannedPolicy(real.spec.policy, roleIDs: { sample.current.resolution.roleIDsByName[$0] }),
                    "\(context)")
        }
        #expect(pass.problems == reference.problems, "seed \(seed)")

        // `plan(desired:current:options:)` refuses exactly when the pass has errors.
        do {
            let plan = try Planner.plan(desired: sample.desired, current: sample.current, options: sample.options)
            #expect(!reference.problems.containsErrors, "seed \(seed): planned despite problems")
            #expect(plan.organizations == pass.organizations.compactMap(\.plan), "seed \(seed)")
            #expect(plan.overrideGuards == sample.options.overrideGuards, "seed \(seed)")
        } catch {
            #expect(Set(error.diagnostics) == Set(reference.problems), "seed \(seed)")
        }
    }

    @Test("each organization's digest is the digest of JSONEncoder's bytes", arguments: seeds)
    func organizationDigests(seed: Int) {
        let sample = StateGenerator.sample(seed: seed)
        let pass = Planner.Pass(desired: sample.desired, current: sample.current, options: sample.options)
        for plan in pass.organizations.compactMap(\.plan) {
            guard let organization = sample.current.organization(named: plan.name) else {
                Issue.record("seed \(seed): \(plan.name) planned but not in the tenant")
                continue
            }
            #expect(plan.stateSHA256 == StateDigest.referenceOf(organization), "seed \(seed), organization \(plan.name)")
            #expect(StateDigest.of(organization) == StateDigest.referenceOf(organization), "seed \(seed), organization \(plan.name)")
        }
    }

    @Test("the desired state's digest is the digest of JSONEncoder's bytes", arguments: seeds)
    func desiredDigest(seed: Int) {
        let sample = StateGenerator.sample(seed: seed)
        let pass = Planner.Pass(desired: sample.desired, current: sample.current, options: sample.options)
        #expect(pass.desiredStateSHA256 == StateDigest.referenceOf(sample.desired), "seed \(seed)")
        #expect(StateDigest.of(sample.desired) == StateDigest.referenceOf(sample.desired), "seed \(seed)")
    }

    @Test("one thread, and runs of 1, 2 and 7, give the same pass", arguments: seeds)
    func sameWhateverTheRuns(seed: Int) {
        let sample = StateGenerator.sample(seed: seed)
        let (desired, current) = (sample.desired, sample.current)
        let pass = Planner.Pass(desired: desired, current: current, options: sample.options)
        var oneThread = sample.options
        oneThread.parallel = false
        let others = [
            ("one thread", Planner.Pass(desired: desired, current: current, options: oneThread)),
            ("1 run", Planner.Pass(desired: desired, current: current, options: sample.options, runs: 1)),
            ("2 runs", Planner.Pass(desired: desired, current: current, options: sample.options, runs: 2)),
            ("7 runs", Planner.Pass(desired: desired, current: current, options: sample.options, runs: 7)),
        ]
        for (label, other) in others {
            let context = "seed \(seed), \(label)"
            #expect(other.organizations.map(\.spec) == pass.organizations.map(\.spec), "\(context)")
            #expect(other.organizations.map(\.plan) == pass.organizations.map(\.plan), "\(context)")
            #expect(other.organizations.map { $0.leftAlone.map(Self.brief) } == pass.organizations.map { $0.leftAlone.map(Self.brief) },
                    "\(context)")
            #expect(other.problems == pass.problems, "\(context)")
            #expect(other.desiredStateSHA256 == pass.desiredStateSHA256, "\(context)")
        }
    }

    /// The generator is only as good as what it makes: over all seeds, every case the tests
    /// are meant to cover must come up, in the states and in the reference's results.
    @Test("the random states cover every case")
    func coverage() {
        var seen: [String: Int] = [:]
        for seed in Self.seeds {
            let sample = StateGenerator.sample(seed: seed)
            for feature in StateGenerator.features(of: sample) { seen[feature, default: 0] += 1 }
            let reference = ReferencePlanner.pass(desired: sample.desired, current: sample.current, options: sample.options)
            for plan in reference.organizations.compactMap(\.plan) {
                for step in plan.steps { seen["step \(step.action.rawValue)", default: 0] += 1 }
                for note in plan.notes { seen["note \(note.kind.rawValue)", default: 0] += 1 }
                for entry in plan.leftAlone { seen[entry.hasSuffix(" -") ? "left alone: member" : "left alone: role", default: 0] += 1 }
                if plan.steps.contains(where: { $0.userID.utf8.contains { $0 >= 0x80 } }) { seen["step for a non-ASCII user id", default: 0] += 1 }
            }
            for organization in reference.organizations {
                let protected = sample.desired.organization(named: organization.name)?.policy.protected ?? []
                if organization.plan?.notes.contains(where: { Self.keptByEmailInOtherCase($0, protected) }) ?? false {
                    seen["kept by an email in another case", default: 0] += 1
                }
            }
            for problem in reference.problems { seen["problem: \(Self.kind(of: problem))", default: 0] += 1 }
            if reference.problems.isEmpty { seen["no problems (a plan is made)", default: 0] += 1 }
        }
        let expected = [
            "step add_member", "step add_role", "step remove_member", "step remove_role",
            "note kept_member", "note kept_role", "note member_not_present", "note role_not_present",
            "left alone: member", "left alone: role", "step for a non-ASCII user id", "kept by an email in another case",
            "problem: unresolved member", "problem: declared twice", "problem: unresolved role", "problem: role listed twice",
            "problem: organization not read", "problem: from the tenant read", "no problems (a plan is made)",
        ] + StateGenerator.featureNames
        for feature in expected {
            #expect(seen[feature, default: 0] >= 10, "\(feature): \(seen[feature, default: 0]) times over \(Self.seeds.count) seeds")
        }
    }

    // MARK: - Comparing

    /// A step as people compare it: action, user and role.
    static func brief(_ step: PlanStep) -> String {
        "\(step.action.rawValue) \(step.userID)\(step.roleID.map { " \($0)" } ?? "")"
    }

    /// A note as people compare it: kind, user and role.
    static func brief(_ note: PlanNote) -> String {
        "\(note.kind.rawValue) \(note.userID ?? note.member)\(note.role.map { " \($0)" } ?? "")"
    }

    /// An entry an additive policy leaves alone: the user id, then the role's id or `-`.
    static func brief(_ entry: (member: CurrentMember, role: TenantRole?)) -> String {
        "\(entry.member.userID) \(entry.role?.id ?? "-")"
    }

    /// Whether a note keeps a member by a protected email that differs from the member's in
    /// case only.
    static func keptByEmailInOtherCase(_ note: PlanNote, _ protected: [Principal]) -> Bool {
        note.isKept && protected.contains { principal in
            guard case .email(let email) = principal else { return false }
            return email != note.member && email.lowercased() == note.member.lowercased()
                && note.reason.hasPrefix("protected by policy.protected (\(email));")
        }
    }

    /// Which of the planner's problems a diagnostic is.
    static func kind(of problem: Diagnostic) -> String {
        if problem.message.hasPrefix("member ") { return "unresolved member" }
        if problem.message.contains(", already declared in ") { return "declared twice" }
        if problem.message.contains(" are the same role (") { return "role listed twice" }
        if problem.message.hasPrefix("role ") { return "unresolved role" }
        if problem.message.hasPrefix("organization ") { return "organization not read" }
        return "from the tenant read"
    }
}

// MARK: - The reference planner

extension PlannerReferenceTests {
    /// What the planner computes, written as plainly as its rules read: declared members by
    /// user id in a `Dictionary`, present members in a `Set`, every list sorted at the end.
    enum ReferencePlanner {
        /// One managed organization of a pass.
        struct Organization {
            var name: String
            /// `nil` when the organization was not read from the tenant.
            var plan: Planned?
        }

        /// What one organization's plan holds.
        struct Planned {
            var organization: CurrentOrganization
            var steps: [PlanStep]
            var notes: [PlanNote]
            /// What an additive policy leaves alone, in the order the tenant's members come in:
            /// the user id, then the role's id or `-`.
            var leftAlone: [String]
        }

        /// The pass: organizations in name order, and every problem.
        static func pass(desired: DesiredState, current: TenantState, options: PlanOptions)
            -> (organizations: [Organization], problems: [Diagnostic]) {
            var problems = current.diagnostics.filter { $0.severity == .error }
            // Problems the tenant read found are not reported again.
            let known = Set(problems.compactMap(\.location))
            var organizations: [Organization] = []
            for spec in desired.organizations.sorted(by: { $0.name < $1.name }) {
                guard let declared = spec.members else { continue }
                guard let organization = current.organizations.first(where: { $0.name == spec.name }),
                      let members = organization.members else {
                    if !known.contains(spec.location) {
                        problems.append(.error("organization \"\(spec.name)\" was not read from the tenant", at: spec.location,
                                               notes: [.init("create it in Auth0 first, or fix the name")]))
                    }
                    organizations.append(Organization(name: spec.name, plan: nil))
                    continue
                }
                let additionsOff: String? = !options.additions ? "--no-additions"
                    : spec.policy.additions ? nil : "policy.additions: false"
                let (planned, found) = plan(spec, declared, organization, members, current.resolution,
                                            additionsOff: additionsOff, known: known)
                problems += found
                organizations.append(Organization(name: spec.name, plan: planned))
            }
            return (organizations, problems)
        }

        /// One organization: its declared members resolved, then its current members compared
        /// with them.
        static func plan(_ spec: OrganizationSpec, _ declared: [MemberSpec], _ organization: CurrentOrganization,
                         _ members: [CurrentMember], _ resolution: Resolution, additionsOff: String?,
                         known: Set<RosterCore.SourceLocation>) -> (Planned, [Diagnostic]) {
            let path = "organizations.\(spec.name)"
            let declaredAt = spec.location.shortDescription
            var problems: [Diagnostic] = []

            // Each user id to the position of the first entry naming it; each entry whose roles
            // are managed and all resolved to its role ids, in the order written.
            var positions: [String: Int] = [:]
            var roleIDs: [Int: [String]] = [:]
            for (position, entry) in declared.enumerated() {
                guard let userID = resolution.userID(for: entry.principal) else {
                    if !known.contains(entry.location) {
                        problems.append(.error("member \(entry.principal) could not be resolved to a user of the tenant",
                                               at: entry.location, notes: [.init("name the member by user id")]))
                    }
                    continue
                }
                if let first = positions[userID] {
                    problems.append(.error(
                        "\(entry.principal) is \(userID), already declared in \(path) as \(declared[first].principal)",
                        at: entry.location, notes: [.init("declared here first", at: declared[first].location),
                                                    .init("keep one entry per user")]))
                    continue
                }
                positions[userID] = position
                guard let roles = entry.roles else { continue }
                let ids = roles.compactMap { resolution.roleID(for: $0) }
                if ids.count == roles.count, Set(ids).count < ids.count {
                    // A role written twice (by name and by id, or twice alike): a problem, and
                    // the member's roles are not compared.
                    for first in ids.indices {
                        for second in ids.indices where second > first && ids[second] == ids[first] {
                            problems.append(.error("role \(roles[first]) and role \(roles[second]) of \(entry.principal) are the same role (\(ids[first]))",
                                                   at: entry.location, notes: [.init("list each role once")]))
                        }
                    }
                } else if ids.count == roles.count {
                    roleIDs[position] = ids
                } else if !known.contains(entry.location) {
                    for role in roles where resolution.roleID(for: role) == nil {
                        problems.append(.error("role \(role) of \(entry.principal) could not be resolved", at: entry.location))
                    }
                }
            }

            // A role's name for a role named by id (the generator gives each role one name).
            var names: [String: String] = [:]
            for (name, id) in resolution.roleIDsByName { names[id] = name }

            var addedMembers: [PlanStep] = [], addedRoles: [PlanStep] = []
            var removedMembers: [PlanStep] = [], removedRoles: [PlanStep] = []
            var kept: [PlanNote] = [], notPresent: [PlanNote] = []
            var leftAlone: [String] = []

            /// A declared role the member lacks: given, or noted when additions are off.
            func give(_ role: RoleReference, id: String, of entry: MemberSpec, userID: String, email: String?) {
                let source = entry.location.shortDescription
                if let additionsOff {
                    notPresent.append(PlanNote(
                        kind: .roleNotPresent, member: entry.principal.description, userID: userID, role: role.description,
                        reason: "declared for \(entry.principal) but not held in \(organization.name); not given (\(additionsOff))",
                        source: source))
                    return
                }
                let name = switch role {
                case .name(let name): name
                case .id(let written): names[written] ?? written
                }
                addedRoles.append(PlanStep(
                    action: .addRole, organization: organization.name, organizationID: organization.id, userID: userID,
                    email: email, role: TenantRole(id: id, name: name),
                    reason: "role \(name) declared for \(entry.principal) in \(path) but not held, \(source)", source: source))
            }

            for member in members {
                let protection = protector(of: member, in: spec.policy.protected, resolution)
                let label = member.email ?? member.userID
                guard let position = positions[member.userID] else {
                    // Not declared.
                    if spec.policy.members == .additive {
                        leftAlone.append("\(member.userID) -")
                        continue
                    }
                    let reason = "not declared in \(path), \(declaredAt)"
                    if let protection {
                        kept.append(PlanNote(kind: .keptMember, member: label, userID: member.userID,
                                             reason: "protected by policy.protected (\(protection)); \(reason)", source: declaredAt))
                    } else {
                        removedMembers.append(PlanStep(
                            action: .removeMember, organization: organization.name, organizationID: organization.id,
                            userID: member.userID, email: member.email, memberRoles: member.roles, reason: reason,
                            source: declaredAt))
                    }
                    continue
                }
                // Declared; its roles compared only when managed and resolved.
                guard let wanted = roleIDs[position], let roles = declared[position].roles else { continue }
                let entry = declared[position]
                let held = member.roles.map(\.id)
                for (role, id) in zip(roles, wanted) where !held.contains(id) {
                    give(role, id: id, of: entry, userID: member.userID, email: member.email)
                }
                let undeclared = member.roles.filter { !wanted.contains($0.id) }
                if spec.policy.roles == .additive {
                    leftAlone += undeclared.map { "\(member.userID) \($0.id)" }
                    continue
                }
                let source = entry.location.shortDescription
                for role in undeclared {
                    let reason = "role \(role.name) not declared for \(entry.principal) in \(path), \(source)"
                    if let protection {
                        kept.append(PlanNote(kind: .keptRole, member: label, userID: member.userID, role: role.name,
                                             reason: "protected by policy.protected (\(protection)); \(reason)", source: source))
                    } else {
                        removedRoles.append(PlanStep(
                            action: .removeRole, organization: organization.name, organizationID: organization.id,
                            userID: member.userID, email: member.email, role: role, reason: reason, source: source))
                    }
                }
            }

            // Declared members the tenant lacks: the first entry of each user id.
            let present = Set(members.map(\.userID))
            for (position, entry) in declared.enumerated() {
                guard let userID = resolution.userID(for: entry.principal), positions[userID] == position,
                      !present.contains(userID) else { continue }
                let source = entry.location.shortDescription
                if let additionsOff {
                    notPresent.append(PlanNote(
                        kind: .memberNotPresent, member: entry.principal.description, userID: userID,
                        reason: "declared but not a member of \(organization.name); not added (\(additionsOff))", source: source))
                    continue
                }
                let email: String? = if case .email(let email) = entry.principal { email } else { nil }
                addedMembers.append(PlanStep(
                    action: .addMember, organization: organization.name, organizationID: organization.id, userID: userID,
                    email: email, reason: "declared in \(path) but not a member, \(source)", source: source))
                guard let wanted = roleIDs[position], let roles = entry.roles else { continue }
                for (role, id) in zip(roles, wanted) { give(role, id: id, of: entry, userID: userID, email: email) }
            }

            // Member additions, role additions, member removals, role removals, each by user id
            // (then role name and id); kept notes by user and role, then the other notes by
            // user, kind and role.
            func byUser(_ a: PlanStep, _ b: PlanStep) -> Bool { a.userID < b.userID }
            func byUserAndRole(_ a: PlanStep, _ b: PlanStep) -> Bool {
                (a.userID, a.roleName ?? "", a.roleID ?? "") < (b.userID, b.roleName ?? "", b.roleID ?? "")
            }
            let steps = addedMembers.sorted(by: byUser) + addedRoles.sorted(by: byUserAndRole)
                + removedMembers.sorted(by: byUser) + removedRoles.sorted(by: byUserAndRole)
            let notes = kept.sorted { ($0.userID ?? "", $0.role ?? "") < ($1.userID ?? "", $1.role ?? "") }
                + notPresent.sorted { ($0.userID ?? "", $0.kind.rawValue, $0.role ?? "") < ($1.userID ?? "", $1.kind.rawValue, $1.role ?? "") }
            return (Planned(organization: organization, steps: steps, notes: notes, leftAlone: leftAlone), problems)
        }

        /// The first protected entry covering a member, as written: its user id, an email equal
        /// to the member's without regard to case, or an email that resolved to its user id.
        static func protector(of member: CurrentMember, in protected: [Principal], _ resolution: Resolution) -> String? {
            for principal in protected {
                switch principal {
                case .userID(let id):
                    if id == member.userID { return id }
                case .email(let email):
                    if let own = member.email, own.lowercased() == email.lowercased() { return email }
                    if resolution.userIDsByEmail[email] == member.userID { return email }
                }
            }
            return nil
        }
    }
}

// MARK: - Random states

extension PlannerReferenceTests {
    /// SplitMix64: a tiny generator whose numbers depend on the seed alone, on every platform.
    struct SplitMix64 {
        private var state: UInt64

        init(seed: Int) { state = UInt64(truncatingIfNeeded: seed) &* 0x2545_F491_4F6C_DD1D }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A number in `0 ..< bound`.
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

        /// True `percent` times in a hundred.
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

        /// One element of a non-empty list.
        mutating func pick<T>(_ list: [T]) -> T { list[below(list.count)] }

        /// The list in a random order (Fisher–Yates).
        mutating func shuffled<T>(_ list: [T]) -> [T] {
            var list = list
            for index in list.indices.reversed() where index > 0 { list.swapAt(index, below(index + 1)) }
            return list
        }
    }

    /// One random input of the planner.
    struct Sample {
        var desired: DesiredState
        var current: TenantState
        var options: PlanOptions
    }

    /// Random desired and current states, from a seed.
    ///
    /// Files now and then write an accented user id in another Unicode form than the tenant
    /// (`o` and a combining diaeresis for `ö`): the same user id as a `String`, other bytes.
    struct StateGenerator {
        /// A user of the tenant.
        struct User {
            var id: String
            /// The email the tenant has, if any.
            var email: String?
            /// The email as a file writes it, when it resolves (it may differ in case).
            var written: String?
        }

        /// The tenant's roles by name. Their ids are in another order than their names (a
        /// member's roles come sorted by name), and `støtte` is not ASCII.
        static let roles = [
            TenantRole(id: "rol_Zadm", name: "admin"), TenantRole(id: "rol_0view", name: "viewer"),
            TenantRole(id: "rol_Mbill", name: "billing"), TenantRole(id: "rol_aops", name: "ops"),
            TenantRole(id: "rol_\u{F8}st", name: "st\u{F8}tte"),
        ]
        /// A role no name resolves to (files name it by id), one never declared, and one
        /// sharing a name with a role that resolves.
        static let orphan = TenantRole(id: "rol_orphan", name: "orphan")
        static let undeclared = [TenantRole(id: "rol_extra", name: "extra"), TenantRole(id: "rol_0admin", name: "admin")]

        /// Users every sample has: non-ASCII ids and emails, an email a file writes in other
        /// case, one the file cannot resolve, characters JSON escapes.
        static let users = [
            User(id: "auth0|ann", email: "ann@example.com", written: "ann@example.com"),
            User(id: "auth0|bob", email: "bob@example.com", written: "Bob@Example.com"),
            User(id: "auth0|cat", email: "cat@example.com", written: nil),
            User(id: "auth0|dan", email: nil, written: nil),
            User(id: "auth0|Kai", email: nil, written: nil),
            User(id: "auth0|gus", email: "GUS@example.com", written: "gus@example.com"),
            User(id: "auth0|j\u{F6}rg", email: "j\u{F6}rg@ex\u{E4}mple.com", written: "J\u{D6}RG@ex\u{E4}mple.com"),
            User(id: "google-oauth2|\u{1F600}7", email: nil, written: nil),
            User(id: "auth0|q\"uote\\d", email: "q/x@example.com", written: "q/x@example.com"),
            User(id: "samlp|acme|zo\u{EB}", email: "zo\u{EB}@example.com", written: nil),
        ]
        /// Emails no user has.
        static let strangers = ["nobody@example.com", "n\u{F6}body@ex\u{E4}mple.com"]
        /// Organization names; some need escaping or are not ASCII.
        static let organizationNames = ["acme", "beta", "\u{E9}cole", "globex", "q\"org/1", "m\u{FC}nchen", "zeta"]

        /// What ``features(of:)`` counts; each must come up in enough seeds.
        static let featureNames = [
            "member by email", "member by email, unresolved", "declared by id and by email", "declared twice alike",
            "roles nil", "roles empty", "role list shared", "role list equal but not shared", "unknown role",
            "role by id", "role held twice", "present member, roles exact", "present member, more roles",
            "present member, fewer roles", "declared member not present", "undeclared member", "members additive",
            "roles additive", "protected by user id", "protected by email", "additions off by option",
            "additions off by policy", "organization not in the tenant", "organization members not read",
            "organization not managed", "members out of user id order", "a problem the tenant read found",
            "more than 8 declared members", "non-ASCII user id", "non-ASCII email", "user id in another Unicode form",
            "2 roles held, not in id order", "3 or more roles held, not in id order",
        ]

        private var random: SplitMix64
        private var users: [User] = []
        private var resolution = Resolution()
        /// Role lists handed to several members, as the YAML decoder shares one array.
        private var sharedLists: [[RoleReference]] = []
        private var diagnostics: [Diagnostic] = []
        /// Whether the sample may hold what refuses a plan: names that do not resolve, a user
        /// declared twice, an organization not read, problems from the tenant read. Without
        /// them `plan(desired:current:options:)` makes a plan.
        private var faulty = true

        private init(seed: Int) { random = SplitMix64(seed: seed) }

        /// The sample of a seed.
        static func sample(seed: Int) -> Sample {
            var generator = StateGenerator(seed: seed)
            return generator.make()
        }

        private mutating func make() -> Sample {
            // The users: the fixed ones and some more, by id with an email or without.
            faulty = !random.chance(35)
            users = Self.users
            var numbers = Set<Int>()
            for _ in 0 ..< random.below(30) { numbers.insert(random.below(100)) }
            for number in numbers.sorted() {
                let email: String? = random.chance(50) ? "g\(number)@example.com" : nil
                let written = email.flatMap { email in random.chance(70) ? (random.chance(30) ? email.uppercased() : email) : nil }
                users.append(User(id: "auth0|g\(number)", email: email, written: written))
            }
            var byEmail: [String: String] = [:]
            for user in users { if let written = user.written { byEmail[written] = user.id } }
            resolution = Resolution(roleIDsByName: Dictionary(uniqueKeysWithValues: Self.roles.map { ($0.name, $0.id) }),
                                    userIDsByEmail: byEmail)
            sharedLists = (0 ..< 3).map { _ in roleList() }
            diagnostics = []

            var specs: [OrganizationSpec] = []
            var organizations: [CurrentOrganization] = []
            let names = random.shuffled(Self.organizationNames).prefix(1 + random.below(5))
            for (index, name) in names.enumerated() {
                let (spec, organization) = makeOrganization(name: name, id: "org_\(index)")
                specs.append(spec)
                if let organization { organizations.append(organization) }
            }
            // An organization the tenant has and the file does not name.
            if random.chance(20) {
                organizations.append(CurrentOrganization(id: "org_other", name: "other", members: [CurrentMember(userID: "auth0|ann")]))
            }
            if faulty && random.chance(10) { diagnostics.append(.error("the tenant could not be read completely", at: nil)) }
            let options = PlanOptions(overrideGuards: random.chance(20), additions: !random.chance(15))
            return Sample(desired: DesiredState(files: specs.map { $0.location.file }, organizations: random.shuffled(specs)),
                          current: TenantState(organizations: organizations, resolution: resolution, diagnostics: diagnostics),
                          options: options)
        }

        /// One declared organization, and the tenant's (`nil` when the tenant lacks it).
        private mutating func makeOrganization(name: String, id: String) -> (OrganizationSpec, CurrentOrganization?) {
            let file = "orgs/\(name).yaml"
            let location = RosterCore.SourceLocation(file: file, line: 1, column: 1)
            var line = 10
            func next() -> RosterCore.SourceLocation {
                line += 1
                return RosterCore.SourceLocation(file: file, line: line, column: 5)
            }

            // The declared members: distinct users by id or by email, then some entries that
            // repeat a user or name nobody.
            let count = random.chance(15) ? 9 + random.below(12) : random.below(9)
            let chosen = Array(random.shuffled(users).prefix(count))
            var members: [MemberSpec] = []
            for user in chosen {
                members.append(MemberSpec(principal: principal(for: user), roles: roles(), location: next()))
            }
            if faulty && !members.isEmpty && random.chance(20) {
                for _ in 0 ..< 1 + random.below(2) {
                    let original = random.pick(members)
                    guard let userID = resolution.userID(for: original.principal) else { continue }
                    // Mostly the other way of naming the same user.
                    var repeated = original.principal
                    if random.chance(75) {
                        if case .email = original.principal {
                            repeated = .userID(userID)
                        } else if let written = users.first(where: { $0.id == userID })?.written {
                            repeated = .email(written)
                        }
                    }
                    members.insert(MemberSpec(principal: repeated, roles: roles(), location: next()), at: random.below(members.count + 1))
                }
            }
            if faulty && random.chance(15) {
                members.append(MemberSpec(principal: .email(random.pick(Self.strangers)), roles: roles(), location: next()))
            }
            // What the tenant read reports at an entry is not reported again by the planner.
            for member in members {
                let unresolved = resolution.userID(for: member.principal) == nil
                let unknownRole = member.roles?.contains { resolution.roleID(for: $0) == nil } ?? false
                if (unresolved || unknownRole) && random.chance(50) || faulty && random.chance(3) {
                    diagnostics.append(.error("no user or role matches \(member.principal)", at: member.location))
                } else if random.chance(5) {
                    diagnostics.append(.warning("\(member.principal) is written in capitals", at: member.location))
                }
            }

            let policy = Policy(
                members: random.chance(30) ? .additive : .authoritative, roles: random.chance(30) ? .additive : .authoritative,
                protected: (0 ..< random.below(4)).map { _ in protectedPrincipal() },
                maxMemberRemovals: random.below(20), maxMemberRemovalPercent: random.below(101), maxRoleRemovals: random.below(30),
                minRoleHolders: random.chance(20) ? ["admin": 1, "st\u{F8}tte": 2] : [:], allowEmpty: random.chance(20),
                additions: !random.chance(15))
            let managed = !random.chance(10)
            let spec = OrganizationSpec(name: name, id: random.chance(30) ? id : nil, policy: policy,
                                        members: managed ? members : nil, location: location)

            // Without faults, the tenant has every organization and its members.
            switch faulty ? random.below(20) : 3 {
            case 0, 1:
                if managed && random.chance(50) { diagnostics.append(.error("no organization \"\(name)\"", at: location)) }
                return (spec, nil)
            case 2:
                return (spec, CurrentOrganization(id: id, name: name, members: nil))
            default:
                break
            }

            // The tenant's members: some declared users, with the roles declared or others, and
            // some users not declared.
            var current: [CurrentMember] = []
            var taken = Set<String>()
            for member in members {
                guard let userID = resolution.userID(for: member.principal), !taken.contains(userID), random.chance(70) else { continue }
                taken.insert(userID)
                let user = users.first { $0.id == userID }
                current.append(CurrentMember(userID: userID, email: tenantEmail(of: user), roles: held(declared: member.roles)))
            }
            for user in random.shuffled(users).prefix(random.below(7)) where !taken.contains(user.id) {
                taken.insert(user.id)
                current.append(CurrentMember(userID: user.id, email: tenantEmail(of: user), roles: randomRoles()))
            }
            // Now and then a member's roles in no order (the initializer sorts; the property is public).
            for index in current.indices where random.chance(15) { current[index].roles = random.shuffled(current[index].roles) }
            var organization = CurrentOrganization(id: id, name: name, members: current)
            // Members out of user id order (the initializer sorts; the property is public).
            if random.chance(30) { organization.members = random.shuffled(current) }
            return (spec, organization)
        }

        /// How a file names a user: by id, by the email that resolves, or by an email that does not.
        private mutating func principal(for user: User) -> Principal {
            switch random.below(10) {
            case 0 ..< 5: return .userID(random.chance(40) ? Self.decomposed(user.id) : user.id)
            case 5 ..< 9: if let written = user.written { return .email(written) }
            default: if faulty, let email = user.email, user.written != email { return .email(email) }
            }
            return .userID(user.id)
        }

        /// The same text with `ö` and `ë` as a letter and a combining diaeresis, and `K` as a
        /// KELVIN SIGN: equal as a `String`, other bytes.
        static func decomposed(_ text: String) -> String {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\u{F6}": scalars.append(contentsOf: "o\u{308}".unicodeScalars)
                case "\u{EB}": scalars.append(contentsOf: "e\u{308}".unicodeScalars)
                case "K": scalars.append("\u{212A}")
                default: scalars.append(scalar)
                }
            }
            return String(scalars)
        }

        /// A declared member's roles: not managed, none, a shared list, an equal list of its own,
        /// or a list of its own.
        private mutating func roles() -> [RoleReference]? {
            switch random.below(20) {
            case 0 ..< 4: return nil
            case 4 ..< 6: return []
            case 6 ..< 12: return random.pick(sharedLists)
            case 12 ..< 15:
                // Equal to a shared list, in storage of its own.
                var copy: [RoleReference] = []
                copy.reserveCapacity(4)
                copy.append(contentsOf: random.pick(sharedLists))
                return copy
            default: return roleList()
            }
        }

        /// One to three roles by name or by id, now and then one the tenant does not know.
        private mutating func roleList() -> [RoleReference] {
            (0 ..< 1 + random.below(3)).map { _ -> RoleReference in
                switch random.below(20) {
                case 0 where faulty: .name("ghost")
                case 1: .id(Self.orphan.id)
                case 2 ..< 6: .id(random.pick(Self.roles).id)
                default: .name(random.pick(Self.roles).name)
                }
            }
        }

        /// The roles a present declared member holds: those declared, more, fewer, one twice,
        /// or any.
        private mutating func held(declared: [RoleReference]?) -> [TenantRole] {
            let wanted = (declared ?? []).compactMap { reference -> TenantRole? in
                switch reference {
                case .name(let name): Self.roles.first { $0.name == name }
                case .id(let id): (Self.roles + [Self.orphan]).first { $0.id == id }
                }
            }
            switch random.below(10) {
            case 0 ..< 4: return wanted
            case 4, 5: return wanted + (0 ..< 1 + random.below(2)).map { _ in random.pick(Self.roles + Self.undeclared + [Self.orphan]) }
            case 6, 7: return wanted.isEmpty ? [] : Array(random.shuffled(wanted).dropLast(1 + random.below(wanted.count)))
            case 8: return wanted + [random.pick(wanted.isEmpty ? Self.roles : wanted)]
            default: return randomRoles()
            }
        }

        /// Zero to three of any roles.
        private mutating func randomRoles() -> [TenantRole] {
            (0 ..< random.below(4)).map { _ in random.pick(Self.roles + Self.undeclared + [Self.orphan]) }
        }

        /// The email the tenant gives a member: its own, in other case now and then, or none.
        private mutating func tenantEmail(of user: User?) -> String? {
            guard let email = user?.email, !random.chance(10) else { return nil }
            return random.chance(15) ? email.uppercased() : email
        }

        /// A protected entry: a user id, an email that resolves, a member's email in other case,
        /// or a principal nobody is.
        private mutating func protectedPrincipal() -> Principal {
            let user = random.pick(users)
            switch random.below(10) {
            case 0 ..< 4: return .userID(user.id)
            case 4: if let written = user.written { return .email(written) }
            case 5 ..< 8: if let email = user.email { return .email(email.uppercased()) }
            case 8: return .email(random.pick(Self.strangers))
            default: return .userID("auth0|nobody")
            }
            return .userID(user.id)
        }

        /// The features of a sample, each named once per organization (or sample) showing it.
        static func features(of sample: Sample) -> [String] {
            var features: [String] = []
            let resolution = sample.current.resolution
            if !sample.options.additions { features.append("additions off by option") }
            if sample.current.diagnostics.contains(where: { $0.severity == .error }) { features.append("a problem the tenant read found") }
            for spec in sample.desired.organizations {
                if spec.policy.members == .additive { features.append("members additive") }
                if spec.policy.roles == .additive { features.append("roles additive") }
                if sample.options.additions && !spec.policy.additions { features.append("additions off by policy") }
                if spec.policy.protected.contains(where: { if case .userID = $0 { true } else { false } }) { features.append("protected by user id") }
                if spec.policy.protected.contains(where: { if case .email = $0 { true } else { false } }) { features.append("protected by email") }
                guard let members = spec.members else {
                    features.append("organization not managed")
                    continue
                }
                guard let organization = sample.current.organization(named: spec.name) else {
                    features.append("organization not in the tenant")
                    continue
                }
                guard let current = organization.members else {
                    features.append("organization members not read")
                    continue
                }
                if members.count > 8 { features.append("more than 8 declared members") }
                var shared = false, equalNotShared = false
                var seen: [String: Int] = [:]
                var first: [String: MemberSpec] = [:]
                for (index, member) in members.enumerated() {
                    let userID = resolution.userID(for: member.principal)
                    if case .email = member.principal { features.append(userID == nil ? "member by email, unresolved" : "member by email") }
                    if let userID {
                        seen[userID, default: 0] += 1
                        if seen[userID] == 1 { first[userID] = member }
                        if seen[userID] == 2 {
                            let byID = [member.principal, first[userID]!.principal].contains { if case .userID = $0 { true } else { false } }
                            let byEmail = [member.principal, first[userID]!.principal].contains { if case .email = $0 { true } else { false } }
                            if byID && byEmail { features.append("declared by id and by email") }
                            if member.principal == first[userID]!.principal { features.append("declared twice alike") }
                        }
                        if userID.utf8.contains(where: { $0 >= 0x80 }) { features.append("non-ASCII user id") }
                        if userID.unicodeScalars.contains(where: { $0 == "\u{308}" || $0 == "\u{212A}" }) { features.append("user id in another Unicode form") }
                    }
                    if case .email(let email) = member.principal, email.utf8.contains(where: { $0 >= 0x80 }) { features.append("non-ASCII email") }
                    guard let roles = member.roles else {
                        features.append("roles nil")
                        continue
                    }
                    if roles.isEmpty { features.append("roles empty") }
                    if roles.contains(where: { resolution.roleID(for: $0) == nil }) { features.append("unknown role") }
                    if roles.contains(where: { if case .id = $0 { true } else { false } }) { features.append("role by id") }
                    for other in members[..<index] where !roles.isEmpty && other.roles == roles {
                        if address(of: other.roles!) == address(of: roles) { shared = true } else { equalNotShared = true }
                    }
                    if let userID, let holder = current.first(where: { $0.userID == userID }) {
                        let ids = roles.compactMap { resolution.roleID(for: $0) }
                        let held = holder.roles.map(\.id)
                        if Set(held).count < held.count { features.append("role held twice") }
                        if Set(held) == Set(ids) { features.append("present member, roles exact") }
                        if !Set(held).isSubset(of: Set(ids)) { features.append("present member, more roles") }
                        if !Set(ids).isSubset(of: Set(held)) { features.append("present member, fewer roles") }
                    }
                }
                if shared { features.append("role list shared") }
                if equalNotShared { features.append("role list equal but not shared") }
                let declaredIDs = Set(members.compactMap { resolution.userID(for: $0.principal) })
                if current.contains(where: { !declaredIDs.contains($0.userID) }) { features.append("undeclared member") }
                if declaredIDs.contains(where: { id in !current.contains { $0.userID == id } }) { features.append("declared member not present") }
                if current.indices.dropFirst().contains(where: { current[$0].userID < current[$0 - 1].userID }) {
                    features.append("members out of user id order")
                }
                for member in current where member.roles.map(\.id) != member.roles.map(\.id).sorted() {
                    features.append(member.roles.count == 2 ? "2 roles held, not in id order" : "3 or more roles held, not in id order")
                }
            }
            return features
        }

        /// Where a list's elements are stored: equal for lists sharing one array's storage.
        private static func address(of list: [RoleReference]) -> UInt {
            list.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        }
    }
}
