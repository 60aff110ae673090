import Testing
@testable import RosterCore

/// A large desired state is planned in runs of consecutive organizations on several cores;
/// the pass must be the same whatever the number of runs.
@Suite("Planning in runs")
struct PlannerRunsTests {
    typealias F = Fixture

    /// Twelve organizations mixing everything a pass meets: removals, additions, protected
    /// and additive policies, an unmanaged one, one the tenant lacks, an unresolved email,
    /// a repeated member and names that need escaping in the digests.
    static func states() -> (DesiredState, TenantState) {
        var specs: [OrganizationSpec] = []
        var organizations: [CurrentOrganization] = []
        for index in 0 ..< 12 {
            let name = "org-\(index)"
            var members = [
                F.member("auth0|keep\(index)", ["admin", "viewer"]),
                F.member("ann@example.com", ["billing"], line: 11),
                F.member("auth0|new\(index)", index % 2 == 0 ? ["viewer"] : nil, line: 12),
                F.member("auth0|odd\"\(index)", ["viewer"], line: 13),
            ]
            if index == 5 { members.append(F.member("nobody@example.com", ["viewer"], line: 14)) }
            if index == 6 { members.append(F.member("auth0|ann", ["viewer"], line: 15)) }
            let policy = switch index % 4 {
            case 1: F.policy(members: .additive, protected: ["auth0|gone\(index)"])
            case 2: F.policy(roles: .additive)
            case 3: F.policy(protected: ["auth0|gone\(index)"], minHolders: ["admin": 1])
            default: F.policy()
            }
            specs.append(OrganizationSpec(name: name, id: nil, policy: policy, members: index == 7 ? nil : members,
                                          location: F.at(index)))
            if index == 9 { continue }
            organizations.append(CurrentOrganization(id: "org_\(index)", name: name, members: [
                F.tenantMember("auth0|keep\(index)", [F.admin, F.billing]),
                F.tenantMember("auth0|ann", [F.billing], email: "ann@example.com"),
                F.tenantMember("auth0|gone\(index)", [F.viewer]),
                F.tenantMember("auth0|odd\"\(index)", []),
            ]))
        }
        return (DesiredState(files: ["orgs.yaml"], organizations: specs),
                TenantState(organizations: organizations, resolution: F.resolution, diagnostics: []))
    }

    @Test("one run or several give the same organizations, problems and digest", arguments: [2, 3, 5, 12])
    func sameResult(runs: Int) {
        let (desired, current) = Self.states()
        let one = Planner.Pass(desired: desired, current: current, runs: 1)
        let split = Planner.Pass(desired: desired, current: current, runs: runs)
        #expect(split.organizations.map(\.plan) == one.organizations.map(\.plan))
        #expect(split.organizations.map(\.spec) == one.organizations.map(\.spec))
        #expect(split.organizations.map { $0.leftAlone.map { "\($0.member.userID) \($0.role?.id ?? "-")" } }
            == one.organizations.map { $0.leftAlone.map { "\($0.member.userID) \($0.role?.id ?? "-")" } })
        #expect(split.problems == one.problems)
        #expect(split.desiredStateSHA256 == one.desiredStateSHA256)
        #expect(one.desiredStateSHA256 == StateDigest.referenceOf(desired))
        // The states above do exercise the pass: problems, steps, notes and left-alone entries.
        #expect(one.problems.count == 3)
        #expect(one.organizations.count == 11)
        #expect(one.organizations.contains { $0.plan?.steps.contains { $0.action == .addMember } ?? false })
        #expect(one.organizations.contains { $0.plan?.steps.contains { $0.action == .removeRole } ?? false })
        #expect(one.organizations.contains { $0.plan?.notes.contains { $0.kind == .keptMember } ?? false })
        #expect(one.organizations.contains { !$0.leftAlone.isEmpty })
    }
}

@Suite("Planner: role comparisons")
struct PlannerRoleComparisonTests {
    typealias F = Fixture

    @Test("a member holding a role twice still lacks the declared role it does not hold")
    func repeatedHeldRole() throws {
        let desired = F.desired([F.member("auth0|ann", ["admin", "viewer"])])
        let current = F.current([F.tenantMember("auth0|ann", [F.admin, F.admin])])
        let plan = try Planner.plan(desired: desired, current: current)
        #expect(plan.steps.map(\.action) == [.addRole])
        #expect(plan.steps.first?.roleID == "rol_viewer")
    }
}

@Suite("Planner: matching current members with declared ones")
struct PlannerMatchingTests {
    typealias F = Fixture

    @Test("user ids are matched as text: two Unicode spellings of one id are the same user")
    func canonicallyEquivalentUserIDs() throws {
        let precomposed = "auth0|j\u{F6}rg", decomposed = "auth0|jo\u{308}rg"
        #expect(precomposed == decomposed && Array(precomposed.utf8) != Array(decomposed.utf8))
        // Declared in one form, the tenant has the other: the member is there, nothing to do.
        let plan = try Planner.plan(desired: F.desired([F.member(precomposed, ["admin"])]),
                                    current: F.current([F.tenantMember(decomposed, [F.admin])]))
        #expect(plan.steps.isEmpty)
        // A KELVIN SIGN is a `K` as a `String`, though not ASCII.
        let kelvin = try Planner.plan(desired: F.desired([F.member("auth0|K", ["admin"])]),
                                      current: F.current([F.tenantMember("auth0|\u{212A}", [F.admin])]))
        #expect(kelvin.steps.isEmpty)
        #expect(throws: PlanRefusal.self) {
            try Planner.plan(desired: F.desired([F.member("auth0|\u{212A}", ["admin"]), F.member("auth0|K", ["admin"], line: 11)]),
                             current: F.current([F.tenantMember("auth0|K", [F.admin])]))
        }
        // Declared in both forms: the same user declared twice.
        #expect(throws: PlanRefusal.self) {
            try Planner.plan(desired: F.desired([F.member(precomposed, ["admin"]), F.member(decomposed, ["admin"], line: 11)]),
                             current: F.current([F.tenantMember(precomposed, [F.admin])]))
        }
    }

    @Test("a user the tenant lists twice does not hide a declared member it lacks")
    func repeatedCurrentMember() throws {
        let desired = F.desired([F.member("auth0|ann", ["admin"]), F.member("auth0|bob", ["admin"], line: 11)])
        var current = F.current([F.tenantMember("auth0|ann", [F.admin])])
        current.organizations[0].members?.append(F.tenantMember("auth0|ann", [F.admin]))
        let plan = try Planner.plan(desired: desired, current: current)
        #expect(plan.steps.map(\.action) == [.addMember, .addRole])
        #expect(plan.steps.allSatisfy { $0.userID == "auth0|bob" })
    }
}
